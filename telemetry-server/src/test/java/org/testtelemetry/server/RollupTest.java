package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics.Counter;
import org.testtelemetry.report.Report;

/** Monthly roll-up: totals, monthly series and breakdowns identical before and after, idempotent, resumable. */
@ParameterizedClass
@ValueSource(strings = {"sqlite", "postgres"})
class RollupTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);

    @Parameter
    String store;

    @TempDir
    Path dir;

    Api api;
    final List<Report> reports = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = Api.start(store, dir, "--rollup-after-days", "0"); // the background worker never folds by itself
        Framework jupiter = new Framework("junit-jupiter", "6.1.3");
        String[] days = {"2024-01-03", "2024-01-03", "2024-01-20", "2024-02-11", "2024-02-29", "2026-11-20"};
        for (int i = 0; i < days.length; i++) {
            reports.add(Reports.report(days[i] + "T0" + i + ":00:00Z",
                    i % 2 == 0 ? Reports.clear("org.acme", "shop") : Reports.hashed("h1-aa", "h1-bb"),
                    Reports.env(i % 3 == 0 ? "17.0.15" : "21.0.1", i == 2 ? null : "github-actions", "maven", jupiter),
                    Reports.metrics(10L * (i + 1), i % 2, 100L * (i + 7), i == 1 ? null : 1000L * i,
                            i == 3 ? null : new Counter(i, 10))));
        }
        for (Report r : reports) {
            assertThat(api.post(r).statusCode()).isEqualTo(202);
        }
        api.drain();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void foldedMonthsGiveTheSameAnswersAndARerunChangesNothing() throws Exception {
        Map<String, String> before = ReadApiTest.snapshot(api);
        assertThat(count("runs")).isEqualTo(6);

        Rollup rollup = new Rollup(api.server.store(), Duration.ofDays(400), NOW);
        assertThat(rollup.run()).isEqualTo(5);
        assertThat(count("runs")).isEqualTo(1); // November 2026 stays raw
        assertThat(count("run_months")).isEqualTo(5); // one row per month and tag combination
        assertThat(ReadApiTest.snapshot(api)).isEqualTo(before);

        assertThat(rollup.run()).isZero();
        assertThat(ReadApiTest.snapshot(api)).isEqualTo(before);

        // a resend of a folded report is still recognised: 202, nothing counted twice
        assertThat(api.post(reports.get(0)).statusCode()).isEqualTo(202);
        api.drain();
        assertThat(ReadApiTest.snapshot(api)).isEqualTo(before);
    }

    @Test
    void aRollupStoppedBetweenMonthsResumesToTheSameResult() throws Exception {
        Map<String, String> before = ReadApiTest.snapshot(api);
        // the first run stops after January 2024 (as if killed before February's transaction) ...
        Clock januaryOnly = Clock.fixed(Instant.parse("2025-03-10T00:00:00Z"), ZoneOffset.UTC);
        assertThat(new Rollup(api.server.store(), Duration.ofDays(400), januaryOnly).run()).isEqualTo(3);
        assertThat(ReadApiTest.snapshot(api)).isEqualTo(before);
        // ... the next one folds the rest
        assertThat(new Rollup(api.server.store(), Duration.ofDays(400), NOW).run()).isEqualTo(2);
        assertThat(ReadApiTest.snapshot(api)).isEqualTo(before);
        assertThat(count("runs")).isEqualTo(1);
    }

    private long count(String table) throws Exception {
        try (Connection c = api.server.store().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
