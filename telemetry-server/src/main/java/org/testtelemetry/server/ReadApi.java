package org.testtelemetry.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read API's queries. Every query reads the {@code facts} view (raw runs and monthly roll-ups alike, with the
 * same sum/count columns), so totals stay exact after a roll-up. Shapes are documented in
 * {@code openapi.json} and the module README.
 */
final class ReadApi {

    /** vendor/project as sent (hashed or clear), time range [from, to) in epoch ms; null: not filtered. */
    record Filter(String vendor, String project, Long fromMs, Long toMs) {

        static Filter parse(Function<String, String> param) {
            return new Filter(blankToNull(param.apply("vendor")), blankToNull(param.apply("project")),
                    time(param.apply("from"), "from", false), time(param.apply("to"), "to", true));
        }

        String where(List<Object> args) {
            StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
            if (vendor != null) {
                sql.append(" AND vendor = ?");
                args.add(vendor);
            }
            if (project != null) {
                sql.append(" AND project = ?");
                args.add(project);
            }
            if (fromMs != null) {
                sql.append(" AND created_ms >= ?");
                args.add(fromMs);
            }
            if (toMs != null) {
                sql.append(" AND created_ms < ?");
                args.add(toMs);
            }
            return sql.toString();
        }

        /** A date (whole day; {@code to} includes it) or an ISO-8601 instant. */
        private static Long time(String value, String name, boolean end) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                if (value.length() == 10) {
                    LocalDate day = LocalDate.parse(value);
                    return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ApiError.of(400, "bad_parameter", name + " must be a date (2026-11-30) or an instant"
                        + " (2026-11-30T12:00:00Z), not " + value);
            }
        }
    }

    /** Dimensions of GET /api/v1/breakdown. */
    enum Dimension {
        JAVA("e.java_version"), FRAMEWORK("s.name, s.version"), OS("e.os_name"), ARCH("e.arch"), CI("e.ci"),
        BUILD_TOOL("e.build_tool");

        final String columns;

        Dimension(String columns) {
            this.columns = columns;
        }

        String id() {
            return this == BUILD_TOOL ? "buildTool" : name().toLowerCase(Locale.ROOT);
        }

        static Dimension parse(String value) {
            for (Dimension d : values()) {
                if (d.id().equals(value)) {
                    return d;
                }
            }
            throw ApiError.of(400, "bad_parameter", "by must be one of java, framework, os, arch, ci, buildTool");
        }
    }

    private static final String SUMS = RunRow.MEASURES.stream()
            .map(m -> (RunRow.MINIMA.contains(m) ? "MIN(" : RunRow.MAXIMA.contains(m) ? "MAX(" : "SUM(") + m + ")")
            .collect(Collectors.joining(", "));

    private final Store store;

    ReadApi(Store store) {
        this.store = store;
    }

    /** GET /api/v1/summary: the fixed shape scripts rely on. */
    ObjectNode summary(Filter filter) throws SQLException {
        List<Object> args = new ArrayList<>();
        Map<String, Long> sums = query("SELECT " + SUMS + " FROM facts" + filter.where(args), args, 0).values()
                .stream().findFirst().orElse(Map.of());
        ObjectNode out = Json.object();
        out.put("runs", value(sums, "n_runs"));
        tests(out.putObject("tests"), sums);
        return out;
    }

    /**
     * GET /api/v1/series: one point per day, ISO week (from Monday) or month that has runs; with {@code split=java}
     * also one series per Java major version ({@code split}), most runs first.
     */
    ObjectNode series(Filter filter, String interval, String split) throws SQLException {
        Function<LocalDate, LocalDate> bucket = switch (interval == null ? "day" : interval) {
            case "day" -> d -> d;
            case "week" -> d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> d -> d.withDayOfMonth(1);
            default -> throw ApiError.of(400, "bad_parameter", "interval must be day, week or month");
        };
        List<Object> args = new ArrayList<>();
        Map<List<String>, Map<String, Long>> days = query("SELECT day, " + SUMS + " FROM facts"
                + filter.where(args) + " GROUP BY day", args, 1);
        TreeMap<LocalDate, Map<String, Long>> points = new TreeMap<>();
        days.forEach((key, sums) -> points.merge(bucket.apply(LocalDate.parse(key.get(0))), sums, ReadApi::add));
        ObjectNode out = Json.object();
        out.put("interval", interval == null ? "day" : interval);
        ArrayNode list = out.putArray("points");
        points.forEach((start, sums) -> {
            ObjectNode p = list.addObject();
            p.put("start", start.toString());
            measures(p, sums);
        });
        if (split == null || split.isBlank()) {
            return out;
        }
        if (!split.equals("java")) {
            throw ApiError.of(400, "bad_parameter", "split must be java");
        }
        args.clear();
        Map<List<String>, Map<String, Long>> rows = query("SELECT f.day, e.java_version, " + SUMS + " FROM facts f"
                + " JOIN environments e ON e.env_id = f.env_id" + filter.where(args) + " GROUP BY f.day, e.java_version",
                args, 2);
        Map<String, TreeMap<LocalDate, Map<String, Long>>> byJava = new HashMap<>();
        Map<String, Long> runs = new HashMap<>();
        rows.forEach((key, sums) -> {
            String java = label(Dimension.JAVA, List.of(key.get(1)));
            byJava.computeIfAbsent(java, j -> new TreeMap<>())
                    .merge(bucket.apply(LocalDate.parse(key.get(0))), sums, ReadApi::add);
            runs.merge(java, sums.get("n_runs"), Long::sum);
        });
        ArrayNode series = out.putArray("split");
        byJava.keySet().stream().sorted((a, b) -> runs.get(b).equals(runs.get(a)) ? a.compareTo(b)
                : Long.compare(runs.get(b), runs.get(a))).forEach(java -> {
                    ObjectNode s = series.addObject();
                    s.put("key", java);
                    ArrayNode ps = s.putArray("points");
                    byJava.get(java).forEach((start, sums) -> {
                        ObjectNode p = ps.addObject();
                        p.put("start", start.toString());
                        measures(p, sums);
                    });
                });
        return out;
    }

    /** GET /api/v1/breakdown: runs per value of one environment dimension, most runs first. */
    ObjectNode breakdown(Filter filter, Dimension by) throws SQLException {
        List<Object> args = new ArrayList<>();
        String join = by == Dimension.FRAMEWORK
                ? " f JOIN framework_sets s ON s.fw_set_id = f.fw_set_id"
                : " f JOIN environments e ON e.env_id = f.env_id";
        int keyCount = by == Dimension.FRAMEWORK ? 2 : 1;
        Map<List<String>, Map<String, Long>> rows = query("SELECT " + by.columns + ", " + SUMS + " FROM facts"
                + join + filter.where(args) + " GROUP BY " + by.columns, args, keyCount);
        Map<String, Map<String, Long>> merged = new HashMap<>();
        rows.forEach((key, sums) -> merged.merge(label(by, key), sums, ReadApi::add));
        ObjectNode out = Json.object();
        out.put("by", by.id());
        ArrayNode items = out.putArray("items");
        merged.entrySet().stream()
                .sorted((a, b) -> a.getValue().get("n_runs").equals(b.getValue().get("n_runs"))
                        ? a.getKey().compareTo(b.getKey())
                        : Long.compare(b.getValue().get("n_runs"), a.getValue().get("n_runs")))
                .forEach(e -> {
                    ObjectNode item = items.addObject();
                    item.put("key", e.getKey());
                    measures(item, e.getValue());
                });
        return out;
    }

    private static String label(Dimension by, List<String> key) {
        String first = key.get(0);
        if (by == Dimension.FRAMEWORK) {
            return key.get(1).isEmpty() ? first : first + " " + key.get(1);
        }
        if (first.isEmpty()) {
            return by == Dimension.CI ? "none" : "unknown";
        }
        return by == Dimension.JAVA ? javaMajor(first) : first;
    }

    /** The major version: "17.0.15" -> "17", "1.8.0_402" -> "8" (also the InfluxDB sink's tag). */
    static String javaMajor(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? version : v.substring(0, end);
    }

    /**
     * GET /api/v1/projects: projects sent in clear, by runs or by mean tests per run. Projects with a hashed name
     * are never listed (not even by hash): only counted.
     */
    ObjectNode projects(Filter filter, String by, int limit) throws SQLException {
        String order = switch (by == null ? "runs" : by) {
            case "runs" -> "SUM(n_runs) DESC";
            case "size" -> "SUM(tests_total) * 1.0 / SUM(n_runs) DESC";
            default -> throw ApiError.of(400, "bad_parameter", "by must be runs or size");
        };
        ObjectNode out = Json.object();
        out.put("by", by == null ? "runs" : by);
        ArrayNode list = out.putArray("projects");
        List<Object> args = new ArrayList<>();
        String where = filter.where(args);
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT vendor, project, SUM(n_runs), SUM(tests_total) FROM facts" + where
                        + " AND anonymized = 'none' GROUP BY vendor, project ORDER BY " + order
                        + ", vendor, project LIMIT " + Math.max(1, Math.min(limit, 1000)))) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ObjectNode p = list.addObject();
                    p.put("vendor", emptyToNull(rs.getString(1)));
                    p.put("project", emptyToNull(rs.getString(2)));
                    p.put("runs", rs.getLong(3));
                    p.put("tests", rs.getLong(4));
                    p.put("meanTests", rs.getLong(3) == 0 ? 0 : (double) rs.getLong(4) / rs.getLong(3));
                }
            }
        }
        args.clear();
        where = filter.where(args);
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*), SUM(r) FROM (SELECT vendor, project, SUM(n_runs) AS r FROM facts" + where
                        + " AND anonymized <> 'none' GROUP BY vendor, project) x")) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                ObjectNode anonymous = out.putObject("anonymized");
                anonymous.put("projects", rs.getLong(1));
                anonymous.put("runs", rs.getLong(2));
            }
        }
        return out;
    }

    /** GET /api/v1/releases: annotations for time charts, oldest first. */
    ObjectNode releases(Filter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT release_id, repository, tag, name, url, published_ms, source"
                + " FROM releases WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.fromMs() != null) {
            sql.append(" AND published_ms >= ?");
            args.add(filter.fromMs());
        }
        if (filter.toMs() != null) {
            sql.append(" AND published_ms < ?");
            args.add(filter.toMs());
        }
        sql.append(" ORDER BY published_ms, release_id LIMIT 10000");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("releases");
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ObjectNode r = list.addObject();
                    r.put("id", rs.getString(1));
                    r.put("repository", rs.getString(2));
                    r.put("tag", rs.getString(3));
                    r.put("name", rs.getString(4));
                    r.put("url", emptyToNull(rs.getString(5)));
                    r.put("publishedAt", Instant.ofEpochMilli(rs.getLong(6)).toString());
                    r.put("source", rs.getString(7));
                }
            }
        }
        return out;
    }

    private static void tests(ObjectNode t, Map<String, Long> sums) {
        for (String outcome : List.of("total", "passed", "failed", "errored", "skipped", "aborted", "incomplete",
                "flaky")) {
            t.put(outcome, value(sums, "tests_" + outcome));
        }
    }

    /** The measures of a point or an item: runs, means, outcome totals, weighted coverage, assertions. */
    private static void measures(ObjectNode p, Map<String, Long> s) {
        long runs = value(s, "n_runs");
        p.put("runs", runs);
        p.put("meanDurationMs", runs == 0 ? 0 : (double) s.get("duration_ms") / runs);
        p.put("minDurationMs", s.get("duration_min"));
        p.put("maxDurationMs", s.get("duration_max"));
        long nHeap = value(s, "n_heap");
        if (nHeap == 0) {
            p.putNull("meanPeakHeapBytes");
        } else {
            p.put("meanPeakHeapBytes", (double) s.get("heap_sum") / nHeap);
        }
        p.put("meanTests", runs == 0 ? 0 : (double) s.get("tests_total") / runs);
        p.put("meanClasses", runs == 0 ? 0 : (double) s.get("classes") / runs);
        p.put("meanMethods", runs == 0 ? 0 : (double) s.get("methods") / runs);
        tests(p.putObject("tests"), s);
        ObjectNode cov = p.putObject("coverage");
        p.put("coveredRuns", value(s, "n_cov"));
        for (String[] c : new String[][] {{"line", "line"}, {"branch", "branch"}, {"instruction", "instr"},
                {"method", "method"}, {"complexity", "cplx"}}) {
            long covered = value(s, c[1] + "_c");
            long all = covered + value(s, c[1] + "_m");
            if (all == 0) {
                cov.putNull(c[0]);
            } else {
                cov.put(c[0], (double) covered / all);
            }
        }
        if (value(s, "n_assert") == 0) {
            p.putNull("assertions");
        } else {
            p.putObject("assertions").put("runs", s.get("n_assert")).put("total", s.get("assert_total"))
                    .put("passed", s.get("assert_passed")).put("failed", s.get("assert_failed"));
        }
        if (value(s, "n_void") == 0) {
            p.putNull("voidTests");
        } else {
            p.putObject("voidTests").put("runs", s.get("n_void")).put("total", s.get("tests_void"));
        }
    }

    private static long value(Map<String, Long> sums, String column) {
        Long v = sums.get(column);
        return v == null ? 0 : v;
    }

    private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new HashMap<>();
        for (String m : RunRow.MEASURES) {
            Long x = a.get(m);
            Long y = b.get(m);
            Long v;
            if (x == null || y == null) {
                v = x == null ? y : x;
            } else if (RunRow.MINIMA.contains(m)) {
                v = Math.min(x, y);
            } else if (RunRow.MAXIMA.contains(m)) {
                v = Math.max(x, y);
            } else {
                v = x + y;
            }
            sum.put(m, v);
        }
        return sum;
    }

    /** Rows of {@code keyCount} text keys followed by the {@link RunRow#MEASURES} aggregates. */
    private Map<List<String>, Map<String, Long>> query(String sql, List<Object> args, int keyCount)
            throws SQLException {
        Map<List<String>, Map<String, Long>> rows = new LinkedHashMap<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>();
                    for (int i = 1; i <= keyCount; i++) {
                        key.add(rs.getString(i));
                    }
                    Map<String, Long> sums = new HashMap<>();
                    for (int i = 0; i < RunRow.MEASURES.size(); i++) {
                        long v = rs.getLong(keyCount + i + 1);
                        sums.put(RunRow.MEASURES.get(i), rs.wasNull() ? null : v);
                    }
                    if (sums.get("n_runs") == null) {
                        sums.put("n_runs", 0L);
                    }
                    rows.put(key, sums);
                }
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
