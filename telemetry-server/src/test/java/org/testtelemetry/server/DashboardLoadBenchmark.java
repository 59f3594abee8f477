package org.testtelemetry.server;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;

/**
 * How long the dashboard's requests take with a year of data (SQLite, the embedded default, or PostgreSQL on the
 * tests' private cluster): each view's read-API calls, as the page makes them, median of rounds, as a ratio to
 * {@code GET /health} measured in the same run, and the CPU time of this process meanwhile (server and client;
 * without PostgreSQL's own processes); once on raw runs only and once after folding everything older than 90 days
 * into monthly rows (as {@code --rollup-after-days 90} would), checking that the answers are the same. Before
 * measuring, the store's statistics are refreshed as a running server's hourly pass does ({@link Store#optimize} on
 * SQLite; ANALYZE on PostgreSQL, which autovacuum runs by itself). A view whose requests this server does not have
 * (an older build, in paired runs) prints as n/a. Not a test: run it by hand.
 *
 * <pre>
 * ./mvnw -B -ntp -pl telemetry-server -am test-compile -P'!second-test-jvm' -q
 * ./mvnw -B -ntp -pl telemetry-server dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -q
 * java -cp telemetry-server/target/test-classes:telemetry-server/target/classes:$(cat /tmp/cp.txt) \
 *     org.testtelemetry.server.DashboardLoadBenchmark [runsPerDay=60] [rounds=15] [sqlite|postgres]
 * </pre>
 */
public final class DashboardLoadBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    private DashboardLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        String store = args.length > 2 ? args[2] : "sqlite";
        Path dir = Files.createTempDirectory("dashboard-bench");
        try (Api api = Api.start(store, dir)) {
            int n = fill(api, perDay);
            refreshStatistics(api);
            System.out.printf("%d runs over 365 days (%d per day), %s, %d rounds%n%n", n, perDay, store, rounds);
            Map<String, List<String>> views = views();
            Map<String, String> before = answers(api);
            Map<String, double[]> raw = measure(api, views, rounds);
            long folded = new Rollup(api.server.store(), Duration.ofDays(90), Clock.fixed(NOW, ZoneOffset.UTC)).run();
            refreshStatistics(api);
            long runsLeft = count(api, "runs");
            long monthRows = count(api, "run_months");
            Map<String, String> after = answers(api);
            Map<String, double[]> rolled = measure(api, views, rounds);
            System.out.println("| view (requests the page makes, one after the other) | raw runs: median ms | CPU ms"
                    + " | x /health | after the roll-up: median ms | CPU ms | x /health |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (String view : raw.keySet()) {
                double[] r = raw.get(view);
                double[] f = rolled.get(view);
                if (r == null) {
                    System.out.printf("| %s | n/a | | | n/a | | |%n", view);
                    continue;
                }
                System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", view, r[0], r[1],
                        r[0] / raw.get("health")[0], f[0], f[1], f[0] / rolled.get("health")[0]);
            }
            // totals must not change when old months are folded (series points of a folded month move to its 1st)
            for (String path : ANSWERS) {
                if (!before.get(path).equals(after.get(path))) {
                    throw new AssertionError("roll-up changed " + path);
                }
            }
            System.out.printf("%nroll-up of everything older than 90 days: %d runs folded into %d monthly rows,"
                    + " %d runs left raw%n", folded, monthRows, runsLeft);
            System.out.println("answers identical before and after the roll-up: " + String.join(", ", ANSWERS));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long count(Api api, String table) throws Exception {
        try (Connection c = api.server.store().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As a running server's hourly pass does (SQLite); autovacuum's ANALYZE on PostgreSQL, here at once. */
    private static void refreshStatistics(Api api) throws Exception {
        api.server.store().optimize();
        if (api.server.store().postgres) {
            try (Connection c = api.server.store().connection(); var s = c.createStatement()) {
                s.execute("ANALYZE");
            }
        }
    }

    /** The requests each view makes (all in parallel in the page; here one after the other, the worst case). */
    private static Map<String, List<String>> views() {
        String range = "from=2025-12-01&to=2026-11-30";
        Map<String, List<String>> v = new LinkedHashMap<>();
        v.put("health", List.of("/health"));
        List<String> env = new ArrayList<>(List.of("/api/v1/summary?" + range));
        for (String by : List.of("java", "framework", "os", "arch", "ci", "buildTool")) {
            env.add("/api/v1/breakdown?by=" + by + "&" + range);
        }
        // how the page asked until it had /api/v1/breakdowns (and how a script asking per dimension still does)
        v.put("environments, one request per dimension", env);
        v.put("environments", List.of("/api/v1/summary?" + range,
                "/api/v1/breakdowns?by=java,framework,os,arch,ci,buildTool&" + range));
        v.put("trends", List.of("/api/v1/summary?" + range, "/api/v1/series?interval=week&split=java&" + range,
                "/api/v1/releases?" + range));
        v.put("trends by day", List.of("/api/v1/summary?" + range, "/api/v1/series?interval=day&split=java&" + range,
                "/api/v1/releases?" + range));
        v.put("outcomes", List.of("/api/v1/summary?" + range, "/api/v1/series?interval=week&" + range,
                "/api/v1/releases?" + range));
        v.put("projects", List.of("/api/v1/summary?" + range, "/api/v1/projects?by=runs&limit=20&" + range,
                "/api/v1/projects?by=size&limit=20&" + range));
        return v;
    }

    private static final List<String> ANSWERS = List.of("/api/v1/summary", "/api/v1/breakdown?by=java",
            "/api/v1/breakdown?by=framework", "/api/v1/projects", "/api/v1/series?interval=month&split=java");

    private static Map<String, String> answers(Api api) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : ANSWERS) {
            out.put(path, api.get(path).body());
        }
        return out;
    }

    /**
     * Per view: median wall ms and median CPU ms of this process (server and HTTP client both run here; CPU time
     * grows far less than wall time when other processes load the machine); null for a view this server does not
     * have (404).
     */
    private static Map<String, double[]> measure(Api api, Map<String, List<String>> views, int rounds) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, double[][]> times = new LinkedHashMap<>();
        views.forEach((k, paths) -> {
            if (paths.stream().allMatch(p -> api.get(p).statusCode() != 404)) {
                times.put(k, new double[2][rounds]);
            }
        });
        for (int round = -3; round < rounds; round++) { // 3 warm-up rounds
            for (Map.Entry<String, List<String>> view : views.entrySet()) {
                if (!times.containsKey(view.getKey())) {
                    continue;
                }
                long start = System.nanoTime();
                long cpu = os.getProcessCpuTime();
                for (String path : view.getValue()) {
                    if (api.get(path).statusCode() != 200) {
                        throw new AssertionError(path);
                    }
                }
                if (round >= 0) {
                    times.get(view.getKey())[0][round] = (System.nanoTime() - start) / 1e6;
                    times.get(view.getKey())[1][round] = (os.getProcessCpuTime() - cpu) / 1e6;
                }
            }
        }
        Map<String, double[]> medians = new LinkedHashMap<>();
        views.keySet().forEach(k -> medians.put(k, null));
        times.forEach((k, t) -> {
            Arrays.sort(t[0]);
            Arrays.sort(t[1]);
            medians.put(k, new double[] {t[0][rounds / 2], t[1][rounds / 2]});
        });
        return medians;
    }

    /** A year of runs written straight through the worker's insert (the API's intake is measured elsewhere). */
    private static int fill(Api api, int perDay) throws Exception {
        Random random = new Random(42);
        String[] javas = {"17.0.15", "21.0.7", "25.0.1", "11.0.27", "1.8.0_452"};
        String[] cis = {"github-actions", "gitlab", "jenkins", null};
        int n = 0;
        try (Connection c = api.server.store().connection()) {
            c.setAutoCommit(false);
            for (int day = 365; day > 0; day--) {
                for (int i = 0; i < perDay; i++) {
                    Instant at = NOW.minus(Duration.ofDays(day)).plusSeconds(random.nextInt(86_400));
                    Environment env = new Environment(new Environment.JavaRuntime(javas[random.nextInt(5)], "Temurin"),
                            List.of(new Environment.Framework("junit-jupiter", "6.1." + random.nextInt(4))),
                            new Environment.TelemetryClient("0.1.0", "junit5"),
                            new Environment.OperatingSystem(random.nextBoolean() ? "Linux" : "Windows 11", "1"),
                            "amd64", cis[random.nextInt(4)], new Environment.BuildTool("maven", "3.9.16"));
                    long tests = 50 + random.nextInt(500);
                    Metrics m = new Metrics(tests / 10, tests / 2, new Metrics.Tests(tests, tests - 2, 1, 1, 0, 0, 0, 0),
                            null, 0, 0, null, 1000 + random.nextInt(60_000), new Metrics.Memory(200L << 20), 1);
                    Report r = Reports.report(at.toString(), random.nextInt(5) == 0
                            ? Reports.hashed("h1-0123456789abcdef0123456789abcdef", "h1-" + "%032x".formatted(random.nextInt(40)))
                            : Reports.clear("org.example", "project-" + random.nextInt(40)), env, m);
                    RunRow.insert(c, r, at.toEpochMilli());
                    n++;
                }
            }
            c.commit();
        }
        return n;
    }
}
