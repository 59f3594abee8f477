package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Report;
import tools.jackson.databind.JsonNode;

/**
 * The optional InfluxDB sink against a real InfluxDB 1.x (Debian's {@code influxd}, installed by {@code .ci/run}
 * when missing), run on free loopback ports with a temporary configuration and data directory: first dead (the
 * server stores every report as usual), then up with {@code influxdb/downsample-monthly.iql} applied (the sink
 * catches up), then the continuous query's body downsamples what arrived.
 */
class InfluxSinkTest {

    private static final Path INFLUXD = Path.of("/usr/bin/influxd");

    @TempDir
    Path dir;

    private Process influxd;
    private Api api;

    @AfterEach
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
        if (influxd != null) {
            influxd.destroy();
            if (!influxd.waitFor(20, TimeUnit.SECONDS)) {
                influxd.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void aDeadInfluxDbBlocksNothingAndGetsEveryRunOnceItIsUp() throws Exception {
        int port = freePort();
        URI influx = URI.create("http://127.0.0.1:" + port);
        api = Api.start("sqlite", dir.resolve("data"), "--token-file", KnownReports.tokenFile(dir).toString(),
                "--influx-url", influx + "/write?db=telemetry");

        // nothing listens on the port: the reports are stored and read as always
        KnownReports.post(api);
        assertThat(api.json("/api/v1/summary").get("runs").asLong()).isEqualTo(4);

        influxd = startInfluxd(port);
        for (String statement : statements()) {
            query(influx, statement);
        }
        JsonNode count = waitFor(influx, "SELECT count(duration_ms), sum(tests_total) FROM telemetry.raw.test_run",
                r -> r.path("values").path(0).path(1).asLong() == 4);
        assertThat(count.get("values").get(0).get(2).asLong()).isEqualTo(270);

        // tags are the environment, fields the metrics, the time the report's createdAt
        JsonNode billing = query(influx, "SELECT tests_total, tests_void, coverage_line, peak_heap_bytes, report_id"
                + " FROM telemetry.raw.test_run WHERE java = '21' AND os = 'Mac OS X' AND arch = 'aarch64'"
                + " AND ci = 'none' AND build_tool = 'gradle' AND project = 'billing'").path("values");
        assertThat(billing.size()).isEqualTo(1);
        assertThat(billing.get(0).get(0).asString()).startsWith(KnownReports.DAY2 + "T10:00:00.");
        assertThat(billing.get(0).get(1).asLong()).isEqualTo(50);
        assertThat(billing.get(0).get(2).asLong()).isEqualTo(5);
        assertThat(billing.get(0).get(3).asDouble()).isEqualTo(0.9);
        assertThat(billing.get(0).get(4).asLong()).isEqualTo(128L << 20);
        // the anonymized run has no project tag at all
        assertThat(query(influx, "SHOW TAG VALUES ON telemetry FROM test_run WITH KEY = project").path("values")
                .toString()).doesNotContain(KnownReports.HASHED_PROJECT).contains("shop-service", "billing");

        // two runs in the same millisecond with the same tags are two points, not one overwriting the other
        Report twin = KnownReports.all().get(2);
        for (int i = 0; i < 2; i++) {
            Report r = new Report(twin.schemaVersion(), UUID.randomUUID(), twin.createdAt(), twin.project(),
                    twin.environment(), twin.metrics());
            HttpResponse<String> accepted = api.post("/api/v1/reports",
                    org.testtelemetry.report.ReportJson.writeBytes(r), "Content-Type", "application/json",
                    "Authorization", "Bearer " + KnownReports.ADMIN_TOKEN);
            assertThat(accepted.statusCode()).isEqualTo(202);
        }
        api.drain();
        waitFor(influx, "SELECT count(duration_ms) FROM telemetry.raw.test_run WHERE project = 'billing'",
                r -> r.path("values").path(0).path(1).asLong() == 3);

        // the continuous query's body over the whole range (a CQ itself only looks at recent intervals)
        String body = statements().get(3).replaceAll(".* BEGIN (.*) END$", "$1")
                .replace(" GROUP BY", " WHERE time >= '2026-09-01T00:00:00Z' AND time < '2026-12-01T00:00:00Z' GROUP BY");
        query(influx, body);
        JsonNode monthly = query(influx, "SELECT sum(runs), sum(tests_total) FROM telemetry.forever.test_run_monthly");
        assertThat(monthly.get("values").get(0).get(1).asLong()).isEqualTo(6);
        assertThat(monthly.get("values").get(0).get(2).asLong()).isEqualTo(370);
        JsonNode java21 = query(influx, "SELECT sum(runs), mean(mean_duration_ms) FROM telemetry.forever.test_run_monthly"
                + " WHERE java = '21'");
        assertThat(java21.get("values").get(0).get(1).asLong()).isEqualTo(3);
        assertThat(java21.get("values").get(0).get(2).asDouble()).isEqualTo(2000.0);
        JsonNode cqs = query(influx, "SHOW CONTINUOUS QUERIES");
        assertThat(cqs.toString()).contains("monthly").contains("test_run_monthly");
        JsonNode policies = query(influx, "SHOW RETENTION POLICIES ON telemetry");
        assertThat(policies.toString()).contains("\"raw\",\"9600h0m0s\"").contains("\"forever\",\"0s\"");

        assertThat(api.json("/api/v1/summary").get("runs").asLong()).isEqualTo(6);
    }

    @Test
    void aWrongInfluxUrlStopsTheStartWithOneLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerOptions.parse(
                        List.of("--influx-url", "http://127.0.0.1:8086/query?db=x"), java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--influx-url must be");
        assertThat(InfluxSink.writeUri("http://h:8086/write?db=t").toString())
                .isEqualTo("http://h:8086/write?db=t&precision=n");
        assertThat(InfluxSink.writeUri("https://h/api/v2/write?org=o&bucket=b").toString())
                .isEqualTo("https://h/api/v2/write?org=o&bucket=b&precision=ns");
    }

    @Test
    void lineProtocolEscapesTagsAndKeepsRunsApart() {
        Report r = KnownReports.all().get(0);
        String line = InfluxSink.line(r);
        assertThat(line).startsWith("test_run,java=17,java_vendor=Eclipse\\ Adoptium,os=Linux,arch=amd64,"
                + "ci=github-actions,build_tool=maven,adapter=junit5,vendor=org.acme,project=shop-service ");
        assertThat(line).contains(" tests_total=100i,tests_passed=90i,").contains(",assertions_total=400i,")
                .contains(",coverage_line=0.800000,coverage_branch=0.750000,").contains("report_id=\"" + r.id() + "\"");
        long ms = r.createdAt().toEpochMilli();
        assertThat(InfluxSink.nanos(r) / 1_000_000).isEqualTo(ms);
        assertThat(line).endsWith(" " + InfluxSink.nanos(r));
    }

    private static List<String> statements() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("influxdb/downsample-monthly.iql"))) {
            if (!line.isBlank() && !line.startsWith("--")) {
                out.add(line.strip());
            }
        }
        return out;
    }

    private Process startInfluxd(int port) throws Exception {
        assertThat(INFLUXD).as("InfluxDB 1.x: apt-get install -y influxdb").isExecutable();
        Path home = Files.createDirectory(dir.resolve("influx"));
        Path config = home.resolve("influxdb.conf");
        Files.writeString(config, String.join("\n",
                "reporting-disabled = true",
                "bind-address = \"127.0.0.1:" + freePort() + "\"",
                "[meta]", "  dir = \"" + home.resolve("meta") + "\"",
                "[data]", "  dir = \"" + home.resolve("data") + "\"", "  wal-dir = \"" + home.resolve("wal") + "\"",
                "  query-log-enabled = false",
                "[http]", "  enabled = true", "  bind-address = \"127.0.0.1:" + port + "\"", "  log-enabled = false",
                "[monitor]", "  store-enabled = false",
                "[continuous_queries]", "  enabled = true", "  log-enabled = false", ""));
        Process p = new ProcessBuilder(INFLUXD.toString(), "run", "-config", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("influxd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                HttpResponse<String> ping = Api.HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ping.statusCode() == 204) {
                    return p;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("influxd did not start: " + Files.readString(home.resolve("influxd.log")));
            }
            Thread.sleep(100);
        }
    }

    /** The first series of the first result of an InfluxQL statement ({@code {}} when there is none). */
    private static JsonNode query(URI influx, String statement) {
        HttpResponse<String> r = Api.send(HttpRequest.newBuilder(influx.resolve("/query?q="
                        + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(r.statusCode()).as(statement + ": " + r.body()).isEqualTo(200);
        JsonNode result = Json.MAPPER.readTree(r.body()).get("results").get(0);
        assertThat(result.has("error")).as(statement + ": " + r.body()).isFalse();
        return result.path("series").path(0);
    }

    private static JsonNode waitFor(URI influx, String statement, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode r = query(influx, statement);
            if (done.test(r)) {
                return r;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(statement + ": still " + r);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
