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
 * The read API's queries. Every query reads raw runs and monthly roll-ups alike (the tables behind the {@code facts}
 * view, with the same sum/count columns), so totals stay exact after a roll-up. Each table is aggregated on its own
 * and the two partial results are added ({@link #aggregate}): reading the view itself made SQLite copy every row
 * through it first. Shapes are documented in {@code openapi.json} and the module README.
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

    /** Dimensions of GET /api/v1/breakdown, in the order of {@link #ENV_COLUMNS} (framework apart). */
    enum Dimension {
        JAVA, FRAMEWORK, OS, ARCH, CI, BUILD_TOOL;

        String id() {
            return this == BUILD_TOOL ? "buildTool" : name().toLowerCase(Locale.ROOT);
        }

        /** Comma-separated ids, in the order given; none: all dimensions. */
        static List<Dimension> parseList(String value) {
            if (value == null || value.isBlank()) {
                return List.of(values());
            }
            List<Dimension> list = new ArrayList<>();
            for (String id : value.split(",", -1)) {
                Dimension d = parse(id.strip());
                if (!list.contains(d)) {
                    list.add(d);
                }
            }
            return list;
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

    /** The tables behind the {@code facts} view: raw runs and monthly roll-ups, with the same columns. */
    private static final List<String> FACT_TABLES = List.of("runs", "run_months");
    /** Environment columns of the breakdown dimensions, in {@link Dimension} order (framework has its own table). */
    private static final String ENV_COLUMNS = "java_version, '', os_name, arch, ci, build_tool";
    private static final Map<String, Integer> AT = new HashMap<>();

    static {
        for (int i = 0; i < RunRow.MEASURES.size(); i++) {
            AT.put(RunRow.MEASURES.get(i), i);
        }
    }

    /** Per table: each measure's aggregate under its own name; over the partial rows: the same aggregate again. */
    private static final String INNER = RunRow.MEASURES.stream().map(m -> function(m) + "(" + m + ") AS " + m)
            .collect(Collectors.joining(", "));
    private static final String OUTER = RunRow.MEASURES.stream().map(m -> function(m) + "(" + m + ")")
            .collect(Collectors.joining(", "));

    private final Store store;

    ReadApi(Store store) {
        this.store = store;
    }

    private static String function(String measure) {
        return RunRow.MINIMA.contains(measure) ? "MIN" : RunRow.MAXIMA.contains(measure) ? "MAX" : "SUM";
    }

    /** One row's aggregates in {@link RunRow#MEASURES} order; null where no run had a value (SQL's NULL). */
    private static final class Sums {
        final Long[] values = new Long[RunRow.MEASURES.size()];

        Long get(String measure) {
            return values[AT.get(measure)];
        }

        /** Takes in another row: sums add, minima and maxima compare, null is "none". */
        Sums add(Sums other) {
            for (int i = 0; i < values.length; i++) {
                Long x = values[i];
                Long y = other.values[i];
                if (x == null || y == null) {
                    values[i] = x == null ? y : x;
                } else {
                    String m = RunRow.MEASURES.get(i);
                    values[i] = RunRow.MINIMA.contains(m) ? Math.min(x, y)
                            : RunRow.MAXIMA.contains(m) ? Math.max(x, y) : x + y;
                }
            }
            return this;
        }
    }

    /** GET /api/v1/summary: the fixed shape scripts rely on. */
    ObjectNode summary(Filter filter) throws SQLException {
        Sums sums = aggregate(List.of(), "", filter).values().stream().findFirst().orElseGet(Sums::new);
        ObjectNode out = Json.object();
        out.put("runs", value(sums, "n_runs"));
        tests(out.putObject("tests"), sums);
        return out;
    }

    /**
     * GET /api/v1/series: one point per day, ISO week (from Monday) or month that has runs; with {@code split=java}
     * also one series per Java major version ({@code split}), most runs first. Both come from one query per day and
     * Java version.
     */
    ObjectNode series(Filter filter, String interval, String split) throws SQLException {
        Function<LocalDate, LocalDate> bucket = switch (interval == null ? "day" : interval) {
            case "day" -> d -> d;
            case "week" -> d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> d -> d.withDayOfMonth(1);
            default -> throw ApiError.of(400, "bad_parameter", "interval must be day, week or month");
        };
        boolean byJava = split != null && !split.isBlank();
        if (byJava && !split.equals("java")) {
            throw ApiError.of(400, "bad_parameter", "split must be java");
        }
        // LEFT JOIN: a run without its environment row still counts in the overall points, as it did on its own
        Map<List<String>, Sums> rows = byJava
                ? aggregate(List.of("f.day", "e.java_version"), " LEFT JOIN environments e ON e.env_id = f.env_id", filter)
                : aggregate(List.of("f.day"), "", filter);
        TreeMap<LocalDate, Sums> points = new TreeMap<>();
        Map<String, TreeMap<LocalDate, Sums>> javaPoints = new HashMap<>();
        Map<String, Long> runs = new HashMap<>();
        rows.forEach((key, sums) -> {
            LocalDate start = bucket.apply(LocalDate.parse(key.get(0)));
            points.computeIfAbsent(start, d -> new Sums()).add(sums);
            if (byJava && key.get(1) != null) {
                String java = label(Dimension.JAVA, key.get(1), "");
                javaPoints.computeIfAbsent(java, j -> new TreeMap<>()).computeIfAbsent(start, d -> new Sums()).add(sums);
                runs.merge(java, value(sums, "n_runs"), Long::sum);
            }
        });
        ObjectNode out = Json.object();
        out.put("interval", interval == null ? "day" : interval);
        points(out.putArray("points"), points);
        if (!byJava) {
            return out;
        }
        ArrayNode series = out.putArray("split");
        javaPoints.keySet().stream().sorted((a, b) -> runs.get(b).equals(runs.get(a)) ? a.compareTo(b)
                : Long.compare(runs.get(b), runs.get(a))).forEach(java -> {
                    ObjectNode s = series.addObject();
                    s.put("key", java);
                    points(s.putArray("points"), javaPoints.get(java));
                });
        return out;
    }

    private static void points(ArrayNode list, TreeMap<LocalDate, Sums> points) {
        points.forEach((start, sums) -> {
            ObjectNode p = list.addObject();
            p.put("start", start.toString());
            measures(p, sums);
        });
    }

    /** GET /api/v1/breakdown: runs per value of one environment dimension, most runs first. */
    ObjectNode breakdown(Filter filter, Dimension by) throws SQLException {
        return breakdownList(filter, List.of(by)).get(0);
    }

    /**
     * GET /api/v1/breakdowns: {@code {"breakdowns": [...]}}, each element as {@link #breakdown} answers it for one
     * dimension, all from one scan: the dashboard's environments view needs six.
     */
    ObjectNode breakdowns(Filter filter, List<Dimension> dimensions) throws SQLException {
        ObjectNode out = Json.object();
        breakdownList(filter, dimensions).forEach(out.putArray("breakdowns")::add);
        return out;
    }

    /**
     * Breakdowns from one query grouped by environment and framework set (one row per combination that ran), each
     * combination's sums then added under its value of each dimension, read from the dimension tables.
     */
    private List<ObjectNode> breakdownList(Filter filter, List<Dimension> dimensions) throws SQLException {
        Map<List<String>, Sums> combos = aggregate(List.of("f.env_id", "f.fw_set_id"), "", filter);
        Map<Long, String[]> environments = new HashMap<>();
        Map<Long, List<String[]>> frameworks = new HashMap<>();
        try (Connection c = store.connection()) {
            if (dimensions.stream().anyMatch(d -> d != Dimension.FRAMEWORK)) {
                rows(c, "SELECT env_id, " + ENV_COLUMNS + " FROM environments",
                        rs -> environments.put(rs.getLong(1), columns(rs, 2, Dimension.values().length)));
            }
            if (dimensions.contains(Dimension.FRAMEWORK)) {
                rows(c, "SELECT fw_set_id, name, version FROM framework_sets", rs -> frameworks
                        .computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(columns(rs, 2, 2)));
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Dimension by : dimensions) {
            // as an inner join with the dimension table: a run counts for each framework of its set, none for none
            Map<String, Sums> merged = new HashMap<>();
            combos.forEach((key, sums) -> {
                if (by == Dimension.FRAMEWORK) {
                    for (String[] f : frameworks.getOrDefault(Long.parseLong(key.get(1)), List.of())) {
                        merged.computeIfAbsent(label(by, f[0], f[1]), k -> new Sums()).add(sums);
                    }
                } else {
                    String[] env = environments.get(Long.parseLong(key.get(0)));
                    if (env != null) {
                        merged.computeIfAbsent(label(by, env[by.ordinal()], ""), k -> new Sums()).add(sums);
                    }
                }
            });
            ObjectNode breakdown = Json.object();
            breakdown.put("by", by.id());
            ArrayNode items = breakdown.putArray("items");
            merged.entrySet().stream()
                    .sorted((a, b) -> a.getValue().get("n_runs").equals(b.getValue().get("n_runs"))
                            ? a.getKey().compareTo(b.getKey())
                            : Long.compare(b.getValue().get("n_runs"), a.getValue().get("n_runs")))
                    .forEach(e -> {
                        ObjectNode item = items.addObject();
                        item.put("key", e.getKey());
                        measures(item, e.getValue());
                    });
            out.add(breakdown);
        }
        return out;
    }

    private static String[] columns(ResultSet rs, int first, int count) throws SQLException {
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            values[i] = rs.getString(first + i);
        }
        return values;
    }

    /** The label of a dimension value ({@code second}: a framework's version). */
    private static String label(Dimension by, String first, String second) {
        if (by == Dimension.FRAMEWORK) {
            return second.isEmpty() ? first : first + " " + second;
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
        String perTable = "vendor, project, SUM(n_runs) AS n_runs, SUM(tests_total) AS tests_total";
        List<Object> args = new ArrayList<>();
        String clear = union(perTable, "", " AND anonymized = 'none'", "vendor, project", filter, args);
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT vendor, project, SUM(n_runs), SUM(tests_total) FROM (" + clear + ") t"
                        + " GROUP BY vendor, project ORDER BY " + order + ", vendor, project LIMIT "
                        + Math.max(1, Math.min(limit, 1000)))) {
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
        String hashed = union(perTable, "", " AND anonymized <> 'none'", "vendor, project", filter, args);
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*), SUM(r) FROM (SELECT vendor, project, SUM(n_runs) AS r FROM (" + hashed + ") t"
                        + " GROUP BY vendor, project) x")) {
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


    private static void tests(ObjectNode t, Sums sums) {
        for (String outcome : List.of("total", "passed", "failed", "errored", "skipped", "aborted", "incomplete",
                "flaky")) {
            t.put(outcome, value(sums, "tests_" + outcome));
        }
    }

    /** The measures of a point or an item: runs, means, outcome totals, weighted coverage, assertions. */
    private static void measures(ObjectNode p, Sums s) {
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

    private static long value(Sums sums, String column) {
        Long v = sums.get(column);
        return v == null ? 0 : v;
    }

    /**
     * {@code select} from each fact table (with {@code join} and the filter), grouped by {@code groupBy} when given,
     * as one UNION ALL; the filter's arguments are added once per table.
     */
    private static String union(String select, String join, String andWhere, String groupBy, Filter filter,
            List<Object> args) {
        StringBuilder sql = new StringBuilder();
        for (String table : FACT_TABLES) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("SELECT ").append(select).append(" FROM ")
                    .append(table).append(" f").append(join).append(filter.where(args)).append(andWhere);
            if (!groupBy.isEmpty()) {
                sql.append(" GROUP BY ").append(groupBy);
            }
        }
        return sql.toString();
    }

    /**
     * The {@link RunRow#MEASURES} aggregated per value of the {@code keys} (text), over raw runs and roll-ups: each
     * table grouped on its own, then the partial rows combined (sums of sums, minima of minima), which gives what a
     * grouping of the {@code facts} view gives. Without keys: one row, also when nothing matched.
     */
    private Map<List<String>, Sums> aggregate(List<String> keys, String join, Filter filter) throws SQLException {
        List<String> aliased = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            aliased.add(keys.get(i) + " AS k" + i);
            names.add("k" + i);
        }
        String select = (keys.isEmpty() ? "" : String.join(", ", aliased) + ", ") + INNER;
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + (keys.isEmpty() ? "" : String.join(", ", names) + ", ") + OUTER + " FROM ("
                + union(select, join, "", String.join(", ", keys), filter, args) + ") t"
                + (keys.isEmpty() ? "" : " GROUP BY " + String.join(", ", names));
        Map<List<String>, Sums> rows = new LinkedHashMap<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    List<String> key = new ArrayList<>(keys.size());
                    for (int i = 1; i <= keys.size(); i++) {
                        key.add(rs.getString(i));
                    }
                    Sums sums = new Sums();
                    for (int i = 0; i < sums.values.length; i++) {
                        long v = rs.getLong(keys.size() + i + 1);
                        sums.values[i] = rs.wasNull() ? null : v;
                    }
                    if (sums.get("n_runs") == null) {
                        sums.values[AT.get("n_runs")] = 0L;
                    }
                    rows.put(key, sums);
                }
            }
        }
        return rows;
    }

    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void rows(Connection c, String sql, RowAction action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                action.accept(rs);
            }
        }
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
