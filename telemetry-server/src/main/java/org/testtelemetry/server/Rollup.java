package org.testtelemetry.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Monthly downsampling: raw runs of whole months older than the configured age are folded into one
 * {@code run_months} row per month and tag combination (vendor, project, anonymization, environment, frameworks):
 * sums and counts add up exactly, minima and maxima are kept. Each month is folded in one transaction (insert or
 * add to its rows, drop the body of its inbox jobs, delete its runs), so a roll-up killed halfway leaves whole
 * months folded or not, and running it again gives the same result. Report ids stay in the inbox: a resend of a
 * folded report is still recognised.
 */
final class Rollup {

    private final Store store;
    private final Duration age;
    private final Clock clock;

    Rollup(Store store, Duration age, Clock clock) {
        this.store = store;
        this.age = age;
        this.clock = clock;
    }

    /**
     * Folds every whole month before {@code now - age}; returns the runs folded. Then (and also when folding is off)
     * refreshes the planner's statistics: this is the worker's hourly maintenance, and folding moves many rows.
     */
    long run() throws SQLException {
        long folded = age.isZero() ? 0 : fold();
        store.optimize();
        return folded;
    }

    private long fold() throws SQLException {
        YearMonth firstKept = YearMonth.from(clock.instant().minus(age).atOffset(ZoneOffset.UTC));
        String cutoffDay = firstKept.atDay(1).toString();
        List<String> months = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT substr(day, 1, 7) FROM runs WHERE day < ? ORDER BY 1")) {
            s.setString(1, cutoffDay);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    months.add(rs.getString(1));
                }
            }
        }
        long folded = 0;
        for (String month : months) {
            folded += fold(YearMonth.parse(month));
        }
        return folded;
    }

    private long fold(YearMonth month) throws SQLException {
        String from = month.atDay(1).toString();
        String to = month.plusMonths(1).atDay(1).toString();
        long monthMs = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        String keys = "vendor, project, anonymized, env_id, fw_set_id";
        String aggregates = RunRow.MEASURES.stream().map(m -> RunRow.MINIMA.contains(m) ? "MIN(" + m + ")"
                : RunRow.MAXIMA.contains(m) ? "MAX(" + m + ")" : "SUM(" + m + ")").collect(Collectors.joining(", "));
        String updates = RunRow.MEASURES.stream().map(Rollup::merge).collect(Collectors.joining(", "));
        String insert = "INSERT INTO run_months (day, created_ms, " + keys + ", " + String.join(", ", RunRow.MEASURES)
                + ") SELECT ?, ?, " + keys + ", " + aggregates + " FROM runs WHERE day >= ? AND day < ?"
                + " GROUP BY " + keys + " ON CONFLICT (day, " + keys + ") DO UPDATE SET " + updates;
        try (Connection c = store.connection()) {
            return store.inTransaction(c, tx -> {
                try (PreparedStatement s = tx.prepareStatement(
                        "UPDATE inbox SET body = NULL WHERE report_id IN (SELECT report_id FROM runs"
                                + " WHERE day >= ? AND day < ?)")) {
                    s.setString(1, from);
                    s.setString(2, to);
                    s.executeUpdate();
                }
                try (PreparedStatement s = tx.prepareStatement(insert)) {
                    s.setString(1, from);
                    s.setLong(2, monthMs);
                    s.setString(3, from);
                    s.setString(4, to);
                    s.executeUpdate();
                }
                try (PreparedStatement s = tx.prepareStatement("DELETE FROM runs WHERE day >= ? AND day < ?")) {
                    s.setString(1, from);
                    s.setString(2, to);
                    return (long) s.executeUpdate();
                }
            });
        }
    }

    /** How a month row takes in more runs: sums add, minima and maxima compare (null = none yet). */
    private static String merge(String m) {
        String old = "run_months." + m;
        String add = "excluded." + m;
        if (RunRow.MINIMA.contains(m) || RunRow.MAXIMA.contains(m)) {
            String op = RunRow.MINIMA.contains(m) ? "<" : ">";
            return m + " = CASE WHEN " + old + " IS NULL THEN " + add + " WHEN " + add + " IS NULL THEN " + old
                    + " WHEN " + add + " " + op + " " + old + " THEN " + add + " ELSE " + old + " END";
        }
        return m + " = " + old + " + " + add;
    }
}
