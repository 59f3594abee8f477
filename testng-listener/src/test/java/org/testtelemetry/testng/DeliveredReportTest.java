package org.testtelemetry.testng;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.testing.TestPlatform;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.testng.fixtures.OutcomesFixture;

/** A real TestNG run whose report goes all the way to a platform (WireMock on 127.0.0.1) through core's delivery. */
class DeliveredReportTest {

    @TempDir
    Path temp;
    private WireMockServer platform;

    @BeforeEach
    void startPlatform() {
        platform = TestPlatform.start();
    }

    @AfterEach
    void stopPlatform() {
        platform.stop();
    }

    private TestNGHarness harnessSendingTo(String endpoint) {
        return new TestNGHarness(temp)
                .with("telemetry.runDir", null)
                .with("telemetry.endpoint", endpoint)
                .with("telemetry.writers", "http,stdout")
                .with("telemetry.timeout", "10s")
                .with("telemetry.outbox", temp.resolve("outbox").toString());
    }

    @Test
    void theReportOfATestNGRunReachesThePlatform() {
        platform.stubFor(post(urlEqualTo(TestPlatform.REPORTS)).willReturn(aResponse().withStatus(202)));
        TestNGHarness harness = harnessSendingTo(TestPlatform.url(platform));

        harness.runClasses(OutcomesFixture.class);

        List<LoggedRequest> requests = TestPlatform.posted(platform);
        assertThat(requests).hasSize(1);
        Report report = TestPlatform.report(requests.get(0));
        assertThat(report.metrics().tests()).isEqualTo(new Metrics.Tests(8, 2, 1, 4, 1, 0, 0, 0));
        assertThat(report.environment().telemetry().adapter()).isEqualTo("testng");
        assertThat(requests.get(0).getHeader("Idempotency-Key")).isEqualTo(report.id().toString());
        assertThat(harness.lines).filteredOn(l -> l.startsWith("INFO")).singleElement().asString()
                .contains("8 tests").contains("sent to");
    }

    @Test
    void aDeadPlatformChangesNoTestResult() {
        int port = platform.port();
        platform.stop();
        TestNGHarness harness = harnessSendingTo("http://127.0.0.1:" + port);
        TestNGHarness without = new TestNGHarness(temp.resolve("off")).with("telemetry.enabled", "false");

        harness.runClasses(OutcomesFixture.class);
        without.runClasses(OutcomesFixture.class);

        assertThat(harness.exitStatus).isEqualTo(without.exitStatus);
        assertThat(harness.results.getPassedTests()).hasSameSizeAs(without.results.getPassedTests());
        assertThat(harness.results.getFailedTests()).hasSameSizeAs(without.results.getFailedTests());
        assertThat(harness.lines).noneMatch(l -> l.contains("\tat "))
                .anyMatch(l -> l.contains("not sent") && l.contains("outbox"));
    }
}
