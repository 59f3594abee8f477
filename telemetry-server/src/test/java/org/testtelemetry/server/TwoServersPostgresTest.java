package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Report;

/** Two server instances (API + worker each) on one PostgreSQL; clients resend the same ids to both. */
class TwoServersPostgresTest {

    @TempDir
    Path dir;

    @Test
    void noDuplicateNoLossEveryJobProcessedOnce() throws Exception {
        try (Api first = Api.start("postgres", dir.resolve("a"));
             Api second = Api.sameStore(first, dir.resolve("b"))) {
            List<Report> reports = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                reports.add(ReportApiTest.sample());
            }
            ExecutorService clients = Executors.newFixedThreadPool(6);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int client = 0; client < 6; client++) {
                Api target = client % 2 == 0 ? first : second;
                for (int i = 0; i < reports.size(); i++) {
                    Report r = reports.get((i + client * 25) % reports.size()); // same ids, other order
                    answers.add(clients.submit(() -> target.post(r).statusCode()));
                }
            }
            for (Future<Integer> a : answers) {
                assertThat(a.get()).isEqualTo(202);
            }
            clients.shutdown();
            first.drain();
            second.drain();

            assertThat(first.json("/api/v1/summary").get("runs").asLong()).isEqualTo(150);
            assertThat(second.json("/api/v1/summary").get("runs").asLong()).isEqualTo(150);
            try (Connection c = first.server.store().connection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(CASE WHEN state = 1 AND attempts = 0"
                         + " THEN 1 ELSE 0 END) FROM inbox")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(150);
                assertThat(rs.getLong(2)).isEqualTo(150); // each done on its first claim, never retried
            }
        }
    }
}
