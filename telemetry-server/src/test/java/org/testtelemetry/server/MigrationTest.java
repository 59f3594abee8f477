package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Report;

/**
 * The Flyway scripts on both stores: a database written by an older server (schema version 1, with data) is
 * migrated in place when a new server opens it, and keeps its data; the read API's indexes exist afterwards.
 */
@ParameterizedClass
@ValueSource(strings = {"sqlite", "postgres"})
class MigrationTest {

    private static final String MIGRATIONS = "classpath:org/testtelemetry/server/db/migration";

    @Parameter
    String store;

    @TempDir
    Path dir;

    @Test
    void aVersion1DatabaseWithDataIsMigratedAndKeepsItsData() throws Exception {
        String url = store.equals("postgres") ? TestPostgres.get().newDatabase()
                : "jdbc:sqlite:" + dir.resolve("telemetry.db");
        Flyway.configure().dataSource(url, null, null).locations(MIGRATIONS).target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            RunRow.insert(c, Reports.report("2026-11-02T10:00:00Z", Reports.clear("org.acme", "shop"),
                    Reports.env("17.0.15", "github-actions", "maven", new Framework("junit-jupiter", "6.1.3")),
                    Reports.metrics(100, 2, 1000, 100L, null)), 0);
            c.commit();
            assertThat(versions(c)).containsExactly("1");
        }

        try (Api api = Api.start("sqlite", dir, "--store", url)) { // "sqlite": no second database
            try (Connection c = api.server.store().connection()) {
                assertThat(versions(c)).containsExactly("1", "2");
                assertThat(indexes(c)).contains("run_months_created", "run_months_project", "runs_created");
            }
            assertThat(api.json("/api/v1/summary").get("runs").asLong()).isEqualTo(1);
            assertThat(api.json("/api/v1/summary?vendor=org.acme&project=shop&from=2026-11-01").get("tests")
                    .get("failed").asLong()).isEqualTo(2);
        }
    }

    /** SQLite plans by statistics once the server refreshed them: whole ranges scan, narrow ones use the index. */
    @Test
    void sqliteScansForAWholeRangeAndSeeksForANarrowOneOnceStatisticsExist() throws Exception {
        assumeTrue(store.equals("sqlite"), "PostgreSQL's planner has autovacuum's statistics");
        try (Api api = Api.start(store, dir)) {
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            try (Connection c = api.server.store().connection()) {
                c.setAutoCommit(false);
                for (int i = 0; i < 2000; i++) {
                    Report r = Reports.report(start.plusSeconds(3600L * i).toString(),
                            Reports.clear("org.acme", "p" + i % 7), Reports.env("17.0.15", null, "maven"),
                            Reports.metrics(10, 0, 100, null, null));
                    RunRow.insert(c, r, 0);
                }
                c.commit();
            }
            String range = "SELECT SUM(n_runs) FROM runs WHERE created_ms >= ? AND created_ms < ?";
            long lastDay = start.plusSeconds(3600L * 1976).toEpochMilli();
            try (Connection c = api.server.store().connection()) {
                // without statistics SQLite guesses a range is narrow and walks the index even for everything
                assertThat(plan(c, range, 0, Long.MAX_VALUE)).contains("USING INDEX runs_created");
            }
            new Rollup(api.server.store(), Duration.ZERO, Clock.systemUTC()).run(); // the worker's hourly pass
            try (Connection c = api.server.store().connection()) {
                assertThat(plan(c, range, 0, Long.MAX_VALUE)).doesNotContain("INDEX").contains("SCAN runs");
                assertThat(plan(c, range, lastDay, Long.MAX_VALUE)).contains("USING INDEX runs_created");
            }
        }
    }

    private static String plan(Connection c, String sql, long from, long to) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(4)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    private static List<String> versions(Connection c) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private List<String> indexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        String sql = store.equals("postgres") ? "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"
                : "SELECT name FROM sqlite_master WHERE type = 'index'";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
