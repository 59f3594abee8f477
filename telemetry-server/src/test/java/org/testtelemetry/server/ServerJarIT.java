package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;
import tools.jackson.databind.JsonNode;

/** The packaged jar: start-up lines, SQLite under ./telemetry-data, SIGTERM drains and exits 0, kill -9 loses nothing. */
class ServerJarIT {

    @TempDir
    Path dir;

    @Test
    void startsPrintsWhereItListensAndWhereItsDataIsAndStopsCleanlyOnSigterm() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--port", "0")) {
            assertThat(server.base.getPort()).isPositive().isNotEqualTo(8087);
            assertThat(String.join("\n", server.lines))
                    .contains("data in " + dir.resolve("telemetry-data").resolve("telemetry.db").toRealPath());
            assertThat(Files.exists(dir.resolve("telemetry-data/telemetry.db-wal"))).isTrue();
            Report report = ReportApiTest.sample();
            assertThat(post(server, report).statusCode()).isEqualTo(202);

            assertThat(server.terminate()).isZero();
            assertThat(server.lines).anyMatch(l -> l.contains("stopped"));
        }
        try (ServerProcess again = ServerProcess.start(dir, "--port", "0")) { // the data outlives the process
            waitFor(() -> summary(again).get("runs").asLong() == 1);
            assertThat(again.terminate()).isZero();
        }
    }

    @Test
    void environmentVariablesConfigureItAndBadOptionsAreRefused() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServerProcess.jar().toString(), "--port", "http").redirectErrorStream(true);
        Process bad = pb.start();
        String out = new String(bad.getInputStream().readAllBytes());
        assertThat(bad.waitFor()).isEqualTo(2);
        assertThat(out).contains("--port must be a number");
    }

    @Test
    void killedDuringABurstEveryAcceptedReportIsStoredExactlyOnce() throws Exception {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<Report> sent = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            sent.add(ReportApiTest.sample());
        }
        try (ServerProcess server = ServerProcess.start(dir, "--port", "0", "--rate-limit", "0")) {
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = client; i < sent.size() && !stop.get(); i += 8) {
                        try {
                            HttpResponse<String> r = post(server, sent.get(i));
                            if (r.statusCode() == 202) {
                                accepted.add(sent.get(i).id().toString());
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            waitFor(() -> accepted.size() >= 200);
            server.kill(); // SIGKILL in the middle of the burst
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(200);

        try (ServerProcess again = ServerProcess.start(dir, "--port", "0")) {
            waitFor(() -> summary(again).get("runs").asLong() >= accepted.size());
            // resends of everything after the crash (the client's outbox does this): nothing twice
            for (Report r : sent.subList(0, 300)) {
                assertThat(post(again, r).statusCode()).isEqualTo(202);
            }
            Thread.sleep(500);
            assertThat(again.terminate()).isZero();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("telemetry-data/telemetry.db"));
             Statement s = c.createStatement()) {
            Set<String> inRuns = ids(s, "SELECT report_id FROM runs");
            Set<String> inInbox = ids(s, "SELECT report_id FROM inbox");
            assertThat(inRuns).containsAll(accepted);
            assertThat(inRuns).isEqualTo(inInbox); // nothing half-stored: every inbox job became its run
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT report_id) FROM runs")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inbox WHERE state <> 1")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private static Set<String> ids(Statement s, String sql) throws Exception {
        Set<String> ids = new HashSet<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    static HttpResponse<String> post(ServerProcess server, Report report) {
        return Api.send(HttpRequest.newBuilder(server.base.resolve("/api/v1/reports"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Api.gzip(ReportJson.writeBytes(report)))).build());
    }

    static JsonNode summary(ServerProcess server) {
        return Json.MAPPER.readTree(Api.send(HttpRequest.newBuilder(server.base.resolve("/api/v1/summary"))
                .build()).body());
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void waitFor(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
