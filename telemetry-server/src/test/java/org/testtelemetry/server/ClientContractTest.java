package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.delivery.DeliveryContext;
import org.testtelemetry.core.delivery.DeliveryResult;
import org.testtelemetry.core.delivery.ReportDelivery;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.SampleReports;
import tools.jackson.databind.JsonNode;

/**
 * The real client (telemetry-core's ReportDelivery: privacy guard, gzip, Idempotency-Key, outbox) against the real
 * server: {@code telemetry.endpoint} is the only setting needed, every report is stored with the same counts, and
 * the server's refusal reaches the client's one line.
 */
class ClientContractTest {

    @TempDir
    Path dir;

    private final List<String> lines = new ArrayList<>();
    private final TelemetryLog log = new TelemetryLog() {
        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void warn(String line) {
            lines.add("WARN " + line);
        }
    };

    private DeliveryResult deliver(Report report, Api api, String... more) {
        Map<String, String> props = new HashMap<>(Map.of("telemetry.enabled", "true",
                "telemetry.endpoint", "http://localhost:" + api.server.port(),
                "telemetry.outbox", dir.resolve("outbox").toString()));
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        Configuration config = Configuration.load(new ConfigInputs(props, Map.of(), Map.of(), null, Map.of(), null));
        return ReportDelivery.deliver(report, config, log, DeliveryContext.defaults().withBuildDir(dir.resolve("b")));
    }

    @Test
    void everyReportTheClientBuildsIsStoredWithTheSameCounts() throws Exception {
        try (Api api = Api.start("sqlite", dir.resolve("server"))) {
            List<Report> reports = SampleReports.all();
            for (Report r : reports) {
                DeliveryResult result = deliver(r, api);
                assertThat(result.status()).as(result.line()).isEqualTo(DeliveryResult.Status.SENT);
                assertThat(result.line()).contains("sent to http://localhost:" + api.server.port());
            }
            api.drain();
            JsonNode summary = api.json("/api/v1/summary");
            assertThat(summary.get("runs").asLong()).isEqualTo(reports.size());
            assertThat(summary.get("tests").get("total").asLong())
                    .isEqualTo(reports.stream().mapToLong(r -> r.metrics().tests().total()).sum());
            assertThat(summary.get("tests").get("skipped").asLong())
                    .isEqualTo(reports.stream().mapToLong(r -> r.metrics().tests().skipped()).sum());
            JsonNode month = api.json("/api/v1/series?interval=month").get("points").get(0);
            assertThat(month.get("assertions").get("total").asLong())
                    .isEqualTo(reports.stream().filter(r -> r.metrics().assertions() != null)
                            .mapToLong(r -> r.metrics().assertions().total()).sum());
            assertThat(Files.exists(dir.resolve("outbox")) ? Files.list(dir.resolve("outbox")).count() : 0).isZero();
        }
    }

    @Test
    void theServersRefusalIsInTheClientsLine() throws Exception {
        Path tokens = Files.write(dir.resolve("tokens.txt"), List.of(Tokens.line("right", false)));
        try (Api api = Api.start("sqlite", dir.resolve("server"), "--token-file", tokens.toString())) {
            DeliveryResult refused = deliver(ReportApiTest.sample(), api, "telemetry.token", "wrong");
            assertThat(refused.status()).isNotEqualTo(DeliveryResult.Status.SENT);
            assertThat(refused.line()).contains("HTTP 401", "the token is not accepted (telemetry.token)");

            // the saved report goes out with the next run once the token is right: stored once each
            DeliveryResult sent = deliver(ReportApiTest.sample(), api, "telemetry.token", "right");
            assertThat(sent.status()).as(sent.line()).isEqualTo(DeliveryResult.Status.SENT);
            api.drain();
            assertThat(api.json("/api/v1/summary").get("runs").asLong()).isBetween(1L, 2L);
        }
    }
}
