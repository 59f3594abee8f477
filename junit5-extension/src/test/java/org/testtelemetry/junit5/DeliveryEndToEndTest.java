package org.testtelemetry.junit5;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.testing.TestPlatform;
import org.testtelemetry.report.Report;
import org.testtelemetry.junit5.fixtures.OutcomesFixture;

/** A real launcher session whose report goes all the way to an HTTP platform (WireMock on 127.0.0.1). */
class DeliveryEndToEndTest {

    @TempDir
    Path temp;
    private WireMockServer platform;
    private int port;

    @BeforeEach
    void startPlatform() {
        platform = TestPlatform.start();
        port = platform.port();
    }

    @AfterEach
    void stopPlatform() {
        platform.stop();
    }

    private LauncherHarness harness() {
        return new LauncherHarness(temp).with("telemetry.runDir", null)
                .with("telemetry.endpoint", "http://127.0.0.1:" + port)
                .with("telemetry.writers", "http,stdout")
                .with("telemetry.token", "e2e-token")
                // The budget has its own tests; here a cold client on a loaded machine must not turn a send into a save.
                .with("telemetry.timeout", "30s")
                .with("telemetry.outbox", temp.resolve("outbox").toString());
    }

    @Test
    void theSessionsReportReachesThePlatformOnceWithTheSameCountsAsThePartialPath() throws Exception {
        platform.stubFor(post(urlEqualTo(TestPlatform.REPORTS)).willReturn(aResponse().withStatus(202)));
        Report viaPartial = new LauncherHarness(temp.resolve("partial")).run(OutcomesFixture.class);

        LauncherHarness harness = harness();
        harness.runPlans(List.of(OutcomesFixture.class));

        List<LoggedRequest> requests = TestPlatform.posted(platform);
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        assertThat(request.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer e2e-token");
        Report sent = TestPlatform.report(request);
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(sent.id().toString());
        assertThat(sent.metrics().tests()).isEqualTo(viaPartial.metrics().tests());
        assertThat(sent.environment().telemetry().adapter()).isEqualTo("junit5");
        assertThat(sent.environment().frameworks()).extracting(f -> f.name()).contains("junit-jupiter");
        assertThat(harness.lines).anyMatch(l -> l.startsWith("INFO Test telemetry: 6 tests") && l.contains("sent to"));
        assertThat(harness.lines).noneMatch(l -> l.contains("e2e-token"));
        assertThat(Files.exists(temp.resolve("outbox")) ? Files.list(temp.resolve("outbox")).filter(Files::isRegularFile).count() : 0)
                .isZero();
    }

    @Test
    void aDeadPlatformKeepsTheReportInTheOutboxAndTheTestsStillPass() throws Exception {
        platform.stop();
        LauncherHarness harness = harness();
        harness.runPlans(List.of(OutcomesFixture.class));
        assertThat(harness.summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(harness.summary.getTestsFailedCount()).isEqualTo(3); // JUnit's own view: unchanged by telemetry
        try (var files = Files.list(temp.resolve("outbox"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(1);
        }
        assertThat(harness.lines).anyMatch(l -> l.contains("not sent") && l.contains("next run"));
    }
}
