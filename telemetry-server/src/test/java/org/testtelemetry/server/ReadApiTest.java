package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics.Counter;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import tools.jackson.databind.JsonNode;

/** The read API on known reports, against SQLite and PostgreSQL. */
@ParameterizedClass
@ValueSource(strings = {"sqlite", "postgres"})
class ReadApiTest {

    static final String VENDOR_HASH = "h1-0123456789abcdef0123456789abcdef";
    static final String NAME_HASH = "h1-fedcba9876543210fedcba9876543210";

    @Parameter
    String store;

    @TempDir
    Path dir;

    Api api;

    @BeforeEach
    void start() throws Exception {
        api = Api.start(store, dir);
        Framework jupiter = new Framework("junit-jupiter", "6.1.3");
        Framework testng = new Framework("testng", "7.12.0");
        List<Report> reports = List.of(
                // Monday 2 November: clear project, Java 17, JUnit, Maven, GitHub Actions, coverage 80/20
                Reports.report("2026-11-02T10:00:00Z", Reports.clear("org.acme", "shop"),
                        Reports.env("17.0.15", "github-actions", "maven", jupiter),
                        Reports.metrics(100, 2, 1000, 100L, new Counter(80, 20))),
                // Wednesday 4 November: same project, Java 21, TestNG, Gradle, no CI, nothing measured
                Reports.report("2026-11-04T10:00:00Z", Reports.clear("org.acme", "shop"),
                        Reports.env("21.0.5", null, "gradle", testng), Reports.metrics(50, 0, 3000, null, null)),
                // 10 November: anonymous project, Java 17, both engines, coverage 5/5
                Reports.report("2026-11-10T10:00:00Z", Reports.hashed(VENDOR_HASH, NAME_HASH),
                        Reports.env("17.0.2", "gitlab", "maven", jupiter, testng),
                        Reports.metrics(10, 1, 500, 300L, new Counter(5, 5))),
                // 15 October: vendor in clear, name hashed
                Reports.report("2026-10-15T10:00:00Z", new Project("org.acme", NAME_HASH, Anonymization.PROJECT),
                        Reports.env("1.8.0_402", "jenkins", null), Reports.metrics(20, 0, 2000, null, null)));
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
    void summaryFiltersByVendorProjectAndTime() {
        assertSummary("", 4, 180, 3);
        assertSummary("?vendor=org.acme", 3, 170, 2);
        assertSummary("?vendor=org.acme&project=shop", 2, 150, 2);
        assertSummary("?vendor=" + VENDOR_HASH + "&project=" + NAME_HASH, 1, 10, 1);
        assertSummary("?from=2026-11-03", 2, 60, 1);
        assertSummary("?to=2026-11-02", 2, 120, 2); // a date includes its whole day
        assertSummary("?from=2026-11-02T10:00:00Z&to=2026-11-04T10:00:00Z", 1, 100, 2); // an instant "to" does not
        assertSummary("?vendor=nobody", 0, 0, 0);
        assertThat(api.json("/api/v1/summary").get("tests").propertyNames())
                .containsExactly("total", "passed", "failed", "errored", "skipped", "aborted", "incomplete", "flaky");
    }

    private void assertSummary(String query, long runs, long tests, long failed) {
        JsonNode s = api.json("/api/v1/summary" + query);
        assertThat(s.get("runs").asLong()).as(query).isEqualTo(runs);
        assertThat(s.get("tests").get("total").asLong()).as(query).isEqualTo(tests);
        assertThat(s.get("tests").get("failed").asLong()).as(query).isEqualTo(failed);
    }

    @Test
    void seriesPerDayWeekAndMonthWithWeightedCoverageAndMeans() {
        JsonNode days = api.json("/api/v1/series?interval=day").get("points");
        assertThat(days.size()).isEqualTo(4);
        assertThat(days.get(0).get("start").asString()).isEqualTo("2026-10-15");

        JsonNode weeks = api.json("/api/v1/series?interval=week").get("points");
        assertThat(weeks.size()).isEqualTo(3);
        JsonNode week = weeks.get(1);
        assertThat(week.get("start").asString()).isEqualTo("2026-11-02");
        assertThat(week.get("runs").asLong()).isEqualTo(2);
        assertThat(week.get("meanDurationMs").asDouble()).isEqualTo(2000.0);
        assertThat(week.get("minDurationMs").asLong()).isEqualTo(1000);
        assertThat(week.get("maxDurationMs").asLong()).isEqualTo(3000);
        assertThat(week.get("meanPeakHeapBytes").asDouble()).isEqualTo(100.0); // over the runs that measured it
        assertThat(week.get("meanTests").asDouble()).isEqualTo(75.0);

        JsonNode months = api.json("/api/v1/series?interval=month").get("points");
        assertThat(months.size()).isEqualTo(2);
        JsonNode november = months.get(1);
        assertThat(november.get("start").asString()).isEqualTo("2026-11-01");
        assertThat(november.get("runs").asLong()).isEqualTo(3);
        assertThat(november.get("tests").get("total").asLong()).isEqualTo(160);
        assertThat(november.get("coveredRuns").asLong()).isEqualTo(2);
        // weighted by counters: (80 + 5) / (100 + 10), not the mean of 0.8 and 0.5
        assertThat(november.get("coverage").get("line").asDouble()).isCloseTo(85.0 / 110, within(1e-9));
        assertThat(november.get("meanPeakHeapBytes").asDouble()).isEqualTo(200.0);
        assertThat(november.get("assertions").isNull()).isTrue();
        assertThat(months.get(0).get("coverage").get("line").isNull()).isTrue();
    }

    @Test
    void breakdownsByEveryDimension() {
        assertThat(items("java")).containsExactly(Map.entry("17", 2L), Map.entry("21", 1L), Map.entry("8", 1L));
        assertThat(items("framework")).containsOnly(Map.entry("junit-jupiter 6.1.3", 2L),
                Map.entry("testng 7.12.0", 2L));
        assertThat(items("ci")).containsOnly(Map.entry("github-actions", 1L), Map.entry("none", 1L),
                Map.entry("gitlab", 1L), Map.entry("jenkins", 1L));
        assertThat(items("buildTool")).containsOnly(Map.entry("maven", 2L), Map.entry("gradle", 1L),
                Map.entry("unknown", 1L));
        assertThat(items("os")).containsOnly(Map.entry("Linux", 4L));
        assertThat(items("arch")).containsOnly(Map.entry("amd64", 4L));
        assertThat(api.get("/api/v1/breakdown?by=colour").statusCode()).isEqualTo(400);
        JsonNode filtered = api.json("/api/v1/breakdown?by=java&from=2026-11-05");
        assertThat(filtered.get("items").size()).isEqualTo(1);
    }

    @Test
    void breakdownsAnswerEachDimensionAsBreakdownDoesInOneRequest() {
        List<String> all = List.of("java", "framework", "os", "arch", "ci", "buildTool");
        for (String filter : List.of("", "&vendor=org.acme", "&from=2026-11-03", "&vendor=nobody")) {
            JsonNode answer = api.json("/api/v1/breakdowns?by=" + String.join(",", all) + filter).get("breakdowns");
            assertThat(answer.size()).isEqualTo(all.size());
            for (int i = 0; i < all.size(); i++) {
                assertThat(answer.get(i)).as(all.get(i) + filter)
                        .isEqualTo(api.json("/api/v1/breakdown?by=" + all.get(i) + filter));
            }
        }
        // the order asked for, a repeated dimension once; no "by": all six in the dashboard's order
        JsonNode two = api.json("/api/v1/breakdowns?by=ci,java,ci").get("breakdowns");
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.get(0).get("by").asString()).isEqualTo("ci");
        assertThat(two.get(1)).isEqualTo(api.json("/api/v1/breakdown?by=java"));
        JsonNode every = api.json("/api/v1/breakdowns").get("breakdowns");
        assertThat(every.size()).isEqualTo(6);
        assertThat(every.get(5).get("by").asString()).isEqualTo("buildTool");
        assertThat(api.get("/api/v1/breakdowns?by=java,colour").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/breakdowns?by=java,").statusCode()).isEqualTo(400);
    }

    @Test
    void theOverallPointsOfASplitSeriesAreThoseOfTheUnsplitSeries() {
        for (String interval : List.of("day", "week", "month")) {
            JsonNode split = api.json("/api/v1/series?split=java&interval=" + interval);
            assertThat(split.get("points")).as(interval)
                    .isEqualTo(api.json("/api/v1/series?interval=" + interval).get("points"));
            assertThat(split.get("split").size()).isEqualTo(3); // 17, 21, 8
            long runs = 0;
            for (JsonNode java : split.get("split")) {
                for (JsonNode p : java.get("points")) {
                    runs += p.get("runs").asLong();
                }
            }
            assertThat(runs).isEqualTo(4);
        }
        assertThat(api.get("/api/v1/series?split=os").statusCode()).isEqualTo(400);
    }

    private Map<String, Long> items(String by) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        api.json("/api/v1/breakdown?by=" + by).get("items")
                .forEach(i -> out.put(i.get("key").asString(), i.get("runs").asLong()));
        return out;
    }

    @Test
    void topProjectsListOnlyProjectsSentInClear() {
        String body = api.get("/api/v1/projects").body();
        assertThat(body).doesNotContain(NAME_HASH, VENDOR_HASH);
        JsonNode projects = api.json("/api/v1/projects");
        assertThat(projects.get("projects").size()).isEqualTo(1);
        assertThat(projects.get("projects").get(0).get("project").asString()).isEqualTo("shop");
        assertThat(projects.get("projects").get(0).get("runs").asLong()).isEqualTo(2);
        assertThat(projects.get("projects").get(0).get("meanTests").asDouble()).isEqualTo(75.0);
        assertThat(projects.get("anonymized").get("projects").asLong()).isEqualTo(2);
        assertThat(projects.get("anonymized").get("runs").asLong()).isEqualTo(2);
        assertThat(api.json("/api/v1/projects?by=size&limit=5").get("by").asString()).isEqualTo("size");
    }

    @Test
    void badParametersAre400() {
        assertThat(api.get("/api/v1/summary?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/series?interval=hour").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/projects?limit=ten").statusCode()).isEqualTo(400);
    }

    static Map<String, String> snapshot(Api api) {
        Map<String, String> out = new HashMap<>();
        for (String q : List.of("/api/v1/summary", "/api/v1/summary?vendor=org.acme",
                "/api/v1/summary?from=2024-01-01&to=2024-12-31", "/api/v1/series?interval=month",
                "/api/v1/breakdown?by=java", "/api/v1/breakdown?by=framework", "/api/v1/breakdown?by=os",
                "/api/v1/breakdown?by=arch", "/api/v1/breakdown?by=ci", "/api/v1/breakdown?by=buildTool",
                "/api/v1/projects", "/api/v1/projects?by=size", "/api/v1/breakdowns",
                "/api/v1/series?interval=month&split=java", "/api/v1/breakdowns?from=2024-01-01&to=2024-12-31")) {
            out.put(q, api.json(q).toString());
        }
        return out;
    }
}
