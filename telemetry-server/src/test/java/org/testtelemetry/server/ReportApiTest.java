package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.report.SampleReports;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/reports and the worker, against a real Jetty and a real SQLite file or PostgreSQL database. */
@ParameterizedClass
@ValueSource(strings = {"sqlite", "postgres"})
class ReportApiTest {

    @Parameter
    String store;

    @TempDir
    Path dir;

    Api api;

    @BeforeEach
    void start() throws Exception {
        api = Api.start(store, dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void everyShapeOfReportIsAcceptedStoredOnceAndCountedExactly() throws Exception {
        List<Report> reports = SampleReports.all();
        for (Report r : reports) {
            HttpResponse<String> response = api.post(r);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(Json.MAPPER.readTree(response.body()).get("id").asString()).isEqualTo(r.id().toString());
        }
        for (Report r : reports) { // a resend: 202 again, nothing stored twice
            assertThat(api.post(r).statusCode()).isEqualTo(202);
        }
        api.drain();

        assertThat(api.jobs()).containsExactly(0, reports.size(), 0);
        JsonNode summary = api.json("/api/v1/summary");
        assertThat(summary.get("runs").asLong()).isEqualTo(reports.size());
        assertThat(summary.get("tests").get("total").asLong())
                .isEqualTo(reports.stream().mapToLong(r -> r.metrics().tests().total()).sum());
        assertThat(summary.get("tests").get("flaky").asLong())
                .isEqualTo(reports.stream().mapToLong(r -> r.metrics().tests().flaky()).sum());
        assertThat(summary.get("tests").get("incomplete").asLong())
                .isEqualTo(reports.stream().mapToLong(r -> r.metrics().tests().incomplete()).sum());
    }

    @Test
    void concurrentResendsOfTheSameReportsStoreEachOnce() throws Exception {
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reports.add(org.testtelemetry.report.ReportBuilder.create(SampleReports.environment(null, null, List.of()),
                    new org.testtelemetry.report.Project("org.acme", "p" + (i % 3), org.testtelemetry.report.Anonymization.NONE))
                    .metrics(SampleReports.fullMetrics()).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                for (Report r : reports) {
                    answers.add(pool.submit(() -> api.post(r).statusCode()));
                }
            }
            for (Future<Integer> a : answers) {
                assertThat(a.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
        api.drain();
        assertThat(api.json("/api/v1/summary").get("runs").asLong()).isEqualTo(40);
        assertThat(count("SELECT COUNT(*) FROM inbox")).isEqualTo(40);
        assertThat(count("SELECT COUNT(*) FROM runs")).isEqualTo(40);
    }

    @Test
    void anInvalidReportIs400WithEveryViolationAndItsPointer() throws Exception {
        String json = ReportJson.write(sample()).replace("\"total\":100", "\"total\":\"many\"")
                .replace("\"arch\":\"amd64\"", "\"arch\":\"/home/alice\"");
        HttpResponse<String> response = api.post("/api/v1/reports", json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(response.body()).startsWith("{\"message\":"); // the client's line shows the first "message"
        assertThat(body.get("error").asString()).isEqualTo("invalid_report");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        List<String> pointers = new ArrayList<>();
        body.get("violations").forEach(v -> pointers.add(v.get("pointer").asString()));
        assertThat(pointers).contains("/metrics/tests/total", "/environment/arch");
        assertThat(body.get("message").asString()).startsWith("invalid report: /").contains("(and 1 more)");
        assertNothingStored();
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        Report r = sample();
        String json = ReportJson.write(r).replace("\"forks\":2", "\"forks\":2,\"gpuCount\":3,\"future\":{\"x\":[1]}")
                .replaceFirst("\\{", "{\"schemaRevision\":7,");
        HttpResponse<String> response = api.post("/api/v1/reports", json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json; charset=utf-8");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        api.drain();
        assertThat(api.json("/api/v1/summary").get("tests").get("total").asLong()).isEqualTo(100);
    }

    @Test
    void voidTestsAndAssertionsAreStoredWhenPresent() throws Exception {
        Report r = sample();
        String json = ReportJson.write(r).replace("\"void\":5", "\"void\":7");
        assertThat(json).contains("\"void\":7");
        assertThat(api.post("/api/v1/reports", json.getBytes(StandardCharsets.UTF_8), "Content-Type",
                "application/json").statusCode()).isEqualTo(202);
        api.drain();
        JsonNode point = api.json("/api/v1/series?interval=month").get("points").get(0);
        assertThat(point.get("voidTests").get("total").asLong()).isEqualTo(7);
        assertThat(point.get("assertions").get("total").asLong()).isEqualTo(400);
    }

    @Test
    void anIdempotencyKeyOfAnotherReportIsRefused() throws Exception {
        HttpResponse<String> response = api.post("/api/v1/reports", ReportJson.writeBytes(sample()),
                "Content-Type", "application/json", "Idempotency-Key", "00000000-0000-0000-0000-000000000000");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("idempotency_key_mismatch");
        assertNothingStored();
    }

    @Test
    void aFullCommitQueueIs503WithRetryAfterAndTheQueuedReportsAreStoredLater() throws Exception {
        api.close();
        api = Api.start(store, dir.resolve("busy"), "--queue-capacity", "1");
        // Hold the write lock so the writer blocks on its first batch; the next report fills the queue.
        try (Connection lock = api.server.store().connection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute(api.store.equals("postgres") ? "LOCK TABLE inbox IN EXCLUSIVE MODE"
                        : "INSERT INTO releases VALUES ('lock', '', '', '', '', 0, 'test')");
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Integer> first = pool.submit(() -> api.post(sample()).statusCode());
            Thread.sleep(500); // taken by the writer, which now waits for the lock
            Future<Integer> second = pool.submit(() -> api.post(sample()).statusCode());
            Thread.sleep(500); // in the queue
            HttpResponse<String> third = api.post(sample());
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(third.body()).contains("\"error\":\"busy\"");
            lock.rollback();
            lock.setAutoCommit(true); // SQLite's driver would otherwise begin (and lock) again at once
            assertThat(first.get()).isEqualTo(202);
            assertThat(second.get()).isEqualTo(202);
            pool.shutdownNow();
        }
        api.drain();
        assertThat(api.json("/api/v1/summary").get("runs").asLong()).isEqualTo(2);
    }

    @Test
    void aFailingJobKeepsItsErrorIsRetriedWithBackOffAndCanBeQueuedAgain() throws Exception {
        api.close();
        api = Api.start(store, dir.resolve("jobs"), "--role", "api", "--retry-base-ms", "1");
        Report good = sample();
        try (Connection c = api.server.store().connection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO inbox (report_id, received_ms, body) VALUES (?, 0, ?)")) {
            s.setString(1, good.id().toString());
            s.setString(2, "{\"not\": \"a report\"}"); // e.g. written by an older, broken server
            s.executeUpdate();
        }
        Worker worker = new Worker(api.server.store(), java.time.Duration.ofMillis(1), null);
        for (int attempt = 1; attempt <= Worker.MAX_ATTEMPTS; attempt++) {
            Thread.sleep(1L << attempt); // the back-off doubles
            assertThat(worker.runOnce()).isEqualTo(1);
            try (Connection c = api.server.store().connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT state, attempts, last_error, next_attempt_ms FROM inbox")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(attempt < Worker.MAX_ATTEMPTS ? 0 : 2);
                assertThat(rs.getInt(2)).isEqualTo(attempt);
                assertThat(rs.getString(3)).isNotBlank();
                assertThat(rs.getLong(4)).isGreaterThan(System.currentTimeMillis() - 60_000);
            }
        }
        Thread.sleep(100);
        assertThat(worker.runOnce()).isZero(); // failed jobs are not claimed again
        assertThat(api.jobs()).containsExactly(0, 0, 1);

        try (Connection c = api.server.store().connection(); PreparedStatement s = c.prepareStatement(
                "UPDATE inbox SET body = ?")) {
            s.setString(1, ReportJson.write(good)); // the cause is fixed
            s.executeUpdate();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("jobs", "--retry-failed", "--data-dir", dir.resolve("jobs").toString()));
        if (api.store.equals("postgres")) {
            args.addAll(List.of("--store", api.server.store().url));
        }
        int code = ServerMain.run(args, java.util.Map.of(), new java.io.PrintStream(out, true), System.err);
        assertThat(code).isZero();
        assertThat(out.toString()).contains("1 failed job queued again");
        assertThat(worker.runOnce()).isEqualTo(1);
        assertThat(api.jobs()).containsExactly(0, 1, 0);
        assertThat(api.json("/api/v1/summary").get("runs").asLong()).isEqualTo(1);
    }

    static Report sample() {
        return org.testtelemetry.report.ReportBuilder.create(SampleReports.environment(
                        new org.testtelemetry.report.Environment.BuildTool("maven", "3.9.16"), "github-actions",
                        List.of(new org.testtelemetry.report.Environment.Framework("junit-jupiter", "6.1.3"))),
                new org.testtelemetry.report.Project("org.acme", "shop", org.testtelemetry.report.Anonymization.NONE))
                .metrics(SampleReports.fullMetrics()).build();
    }

    private long count(String sql) throws Exception {
        try (Connection c = api.server.store().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void assertNothingStored() throws Exception {
        api.drain();
        assertThat(count("SELECT COUNT(*) FROM inbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM runs")).isZero();
        assertThat(api.get("/health").statusCode()).isEqualTo(200);
    }

    static Metrics metrics() {
        return SampleReports.fullMetrics();
    }
}
