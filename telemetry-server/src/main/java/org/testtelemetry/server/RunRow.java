package org.testtelemetry.server;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;

/**
 * One report as normalized rows: its {@code runs} row (measures as sums with counts, like a roll-up row of one
 * run), its environment dimension and its framework set. Dimension ids are hashes of their values, so every
 * server and worker computes the same id without asking the database.
 */
final class RunRow {

    /** The measure columns of {@code runs} and {@code run_months}, in this order everywhere. */
    static final List<String> MEASURES = List.of("n_runs", "classes", "methods", "tests_total", "tests_passed",
            "tests_failed", "tests_errored", "tests_skipped", "tests_aborted", "tests_incomplete", "tests_flaky",
            "exceptions", "errors", "duration_ms", "duration_min", "duration_max", "forks", "n_assert",
            "assert_total", "assert_passed", "assert_failed", "n_void", "tests_void", "n_heap", "heap_sum",
            "heap_min", "heap_max", "n_cov", "line_c", "line_m", "branch_c", "branch_m", "instr_c", "instr_m",
            "method_c", "method_m", "cplx_c", "cplx_m");
    /** Columns that keep a minimum or maximum (and may be null), not a sum. */
    static final List<String> MINIMA = List.of("duration_min", "heap_min");
    static final List<String> MAXIMA = List.of("duration_max", "heap_max");

    private static final String INSERT_RUN = "INSERT INTO runs (report_id, received_ms, day, created_ms, vendor,"
            + " project, anonymized, env_id, fw_set_id, " + String.join(", ", MEASURES) + ") VALUES ("
            + "?, ".repeat(9 + MEASURES.size() - 1) + "?) ON CONFLICT (report_id) DO NOTHING";
    private static final String INSERT_ENV = "INSERT INTO environments (env_id, java_version, java_vendor, os_name,"
            + " os_version, arch, ci, build_tool, build_tool_version, client_adapter, client_version)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (env_id) DO NOTHING";
    private static final String INSERT_FRAMEWORK = "INSERT INTO framework_sets (fw_set_id, name, version)"
            + " VALUES (?, ?, ?) ON CONFLICT (fw_set_id, name, version) DO NOTHING";

    private RunRow() {
    }

    /** Writes the rows of one report (nothing when its id is stored already); the caller commits. */
    static void insert(Connection c, Report report, long receivedMs) throws SQLException {
        try (Writer writer = new Writer(c)) {
            writer.insert(report, receivedMs);
        }
    }

    /**
     * The three insert statements of a batch of reports, prepared once for the whole batch (not three times per
     * report); the caller commits and closes.
     */
    static final class Writer implements AutoCloseable {
        private final PreparedStatement env;
        private final PreparedStatement framework;
        private final PreparedStatement run;

        Writer(Connection c) throws SQLException {
            this.env = c.prepareStatement(INSERT_ENV);
            this.framework = c.prepareStatement(INSERT_FRAMEWORK);
            this.run = c.prepareStatement(INSERT_RUN);
        }

        /** Writes the rows of one report (nothing when its id is stored already). */
        void insert(Report report, long receivedMs) throws SQLException {
            Environment env = report.environment();
            List<String> envValues = List.of(
                    text(env.java() == null ? null : env.java().version()),
                    text(env.java() == null ? null : env.java().vendor()),
                    text(env.os() == null ? null : env.os().name()),
                    text(env.os() == null ? null : env.os().version()),
                    text(env.arch()), text(env.ci()),
                    text(env.buildTool() == null ? null : env.buildTool().name()),
                    text(env.buildTool() == null ? null : env.buildTool().version()),
                    text(env.telemetry() == null ? null : env.telemetry().adapter()),
                    text(env.telemetry() == null ? null : env.telemetry().version()));
            long envId = hashId(envValues);
            this.env.setLong(1, envId);
            for (int i = 0; i < envValues.size(); i++) {
                this.env.setString(i + 2, envValues.get(i));
            }
            this.env.executeUpdate();
            List<Environment.Framework> frameworks = new ArrayList<>(env.frameworks());
            frameworks.sort(Comparator.comparing((Environment.Framework f) -> text(f.name()))
                    .thenComparing(f -> text(f.version())));
            List<String> fwValues = new ArrayList<>();
            for (Environment.Framework f : frameworks) {
                fwValues.add(text(f.name()));
                fwValues.add(text(f.version()));
            }
            long fwSetId = hashId(fwValues);
            for (Environment.Framework f : frameworks) {
                framework.setLong(1, fwSetId);
                framework.setString(2, text(f.name()));
                framework.setString(3, text(f.version()));
                framework.executeUpdate();
            }
            Instant created = report.createdAt();
            int i = 1;
            run.setString(i++, report.id().toString());
            run.setLong(i++, receivedMs);
            run.setString(i++, created.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            run.setLong(i++, created.toEpochMilli());
            run.setString(i++, text(report.project().vendor()));
            run.setString(i++, text(report.project().name()));
            run.setString(i++, report.project().anonymized().id());
            run.setLong(i++, envId);
            run.setLong(i++, fwSetId);
            for (Long v : measures(report.metrics())) {
                if (v == null) {
                    run.setNull(i++, Types.BIGINT);
                } else {
                    run.setLong(i++, v);
                }
            }
            run.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            try (env; framework; run) {
                // closes all three, also when one throws
            }
        }
    }

    /** The values of {@link #MEASURES} for one run. */
    static List<Long> measures(Metrics m) {
        Metrics.Tests t = m.tests();
        Metrics.Assertions a = m.assertions();
        Long voidTests = t.voidTests(); // null where assertions were not counted
        Long heap = m.memory() == null ? null : m.memory().peakHeapBytes();
        Metrics.Coverage cov = m.coverage();
        List<Long> v = new ArrayList<>(MEASURES.size());
        v.add(1L);
        v.add(m.classes());
        v.add(m.methods());
        v.add(t.total());
        v.add(t.passed());
        v.add(t.failed());
        v.add(t.errored());
        v.add(t.skipped());
        v.add(t.aborted());
        v.add(t.incomplete());
        v.add(t.flaky());
        v.add(m.exceptions());
        v.add(m.errors());
        v.add(m.durationMs());
        v.add(m.durationMs());
        v.add(m.durationMs());
        v.add((long) m.forks());
        v.add(a == null ? 0L : 1L);
        v.add(a == null ? 0L : a.total());
        v.add(a == null ? 0L : a.passed());
        v.add(a == null ? 0L : a.failed());
        v.add(voidTests == null ? 0L : 1L);
        v.add(voidTests == null ? 0L : voidTests);
        v.add(heap == null ? 0L : 1L);
        v.add(heap == null ? 0L : heap);
        v.add(heap);
        v.add(heap);
        v.add(cov == null ? 0L : 1L);
        for (Metrics.Counter counter : cov == null ? new Metrics.Counter[5]
                : new Metrics.Counter[] {cov.line(), cov.branch(), cov.instruction(), cov.method(), cov.complexity()}) {
            v.add(counter == null ? 0L : counter.covered());
            v.add(counter == null ? 0L : counter.missed());
        }
        return v;
    }

    /** '' stands for "not sent" in the dimension columns (NOT NULL keeps the unique keys simple). */
    static String text(String value) {
        return value == null ? "" : value;
    }

    /** A positive 63-bit id from the SHA-256 of the values. */
    static long hashId(List<String> values) {
        byte[] digest = Tokens.sha256(String.join("\u0000", values) + "\u0000" + values.size());
        return ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
    }
}
