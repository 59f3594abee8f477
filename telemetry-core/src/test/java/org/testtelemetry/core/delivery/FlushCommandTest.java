package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.queued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.cli.Main;
import org.testtelemetry.report.Report;

/** {@code java -jar telemetry-core.jar flush}, run in-process through {@link Main#run}. */
class FlushCommandTest extends WireMockTestCase {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void accept() {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));
    }

    private int flush(String endpoint, String... more) {
        Map<String, String> props = new HashMap<>(Map.of("user.dir", buildDir.toString(),
                "user.home", buildDir.toString(), "telemetry.enabled", "true",
                "telemetry.outbox", outbox.toString()));
        if (endpoint != null) {
            props.put("telemetry.endpoint", endpoint);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return Main.run(new String[] {"flush"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), props, Map.of());
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8).strip();
    }

    private Report queue(int secondsAgo) throws IOException {
        return queue(report(UUID.randomUUID(), Instant.now().minusSeconds(secondsAgo)));
    }

    @Test
    void sendsEveryQueuedReportOldestFirstAndEmptiesTheOutbox() throws IOException {
        Report older = queue(120);
        Report newer = queue(60);
        String endpoint = wireMockUrl();

        int exit = flush(endpoint);

        assertThat(exit).isZero();
        assertThat(output()).matches(java.util.regex.Pattern.quote("Test telemetry: outbox flush — sent 2 reports to "
                + endpoint + " in ") + "\\d+ ms");
        DeliveryTestSupport.assertDeliveredInOrder(wireMock, outbox, older, newer);
    }

    @Test
    void serverDownLeavesTheReportsAndStillExitsZero() throws IOException {
        queue(60);
        queue(30);
        int port = DeliveryTestSupport.refusedPort();

        int exit = flush("http://127.0.0.1:" + port);

        assertThat(exit).isZero();
        assertThat(output()).isEqualTo("Test telemetry: outbox flush — not sent: connection refused; 2 reports "
                + "still wait in " + outbox);
        assertThat(queued(outbox)).hasSize(2);
    }

    @Test
    void emptyOutboxHasNothingToSend() {
        assertThat(flush(wireMockUrl())).isZero();

        assertThat(output()).isEqualTo("Test telemetry: outbox flush — nothing to send, " + outbox + " is empty");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void outboxWithOnlyUnreadableFilesEndsEmptyWithOneWarning() throws IOException {
        java.nio.file.Files.writeString(outbox.resolve(Instant.now().toEpochMilli() + "-" + UUID.randomUUID()
                + ".json"), "{truncated");

        assertThat(flush(wireMockUrl())).isZero();

        assertThat(output()).isEqualTo("Test telemetry: moved 1 unreadable file aside to " + outbox.resolve("corrupt")
                + System.lineSeparator() + "Test telemetry: outbox flush — nothing to send, " + outbox + " is empty");
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }

    @Test
    void withoutEndpointNothingIsSent() throws IOException {
        queue(60);

        assertThat(flush(null)).isZero();

        assertThat(output()).isEqualTo("Test telemetry: outbox flush — not sent: telemetry.endpoint is not set; "
                + "1 report waits in " + outbox);
    }

    @Test
    void disabledTelemetryFlushesNothing() throws IOException {
        queue(60);

        assertThat(flush(wireMockUrl(), "telemetry.enabled", "false")).isZero();

        assertThat(output()).isEqualTo("Test telemetry: outbox flush — disabled: telemetry.enabled is not true");
        assertThat(queued(outbox)).hasSize(1);
        assertThat(wireMock.getAllServeEvents()).isEmpty();
    }
}
