package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Grafana provisioning under {@code grafana/}: Grafana itself can't run here, so this parses the dashboard JSON
 * and runs every panel's and annotation's SQL against a real PostgreSQL (the server's store, filled with
 * {@link KnownReports} through the real API and worker), then checks the numbers.
 *
 * <p>Grafana's variables are expanded as Grafana does for the PostgreSQL data source: {@code $__from} and
 * {@code $__to} become the time range's epoch milliseconds, {@code ${name:sqlstring}} the variable's value in single
 * quotes with {@code '} doubled. The panels use no other macro; any {@code $} left after expansion fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrafanaDashboardTest {

    private static final Path GRAFANA = Path.of("grafana");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final long OCTOBER = Instant.parse("2026-10-01T00:00:00Z").toEpochMilli();
    private static final long NOVEMBER = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli() - 1;

    @TempDir
    static Path dir;

    private Api api;
    private JsonNode dashboard;

    @BeforeAll
    void fill() throws Exception {
        api = Api.start("postgres", dir, "--token-file", KnownReports.tokenFile(dir).toString());
        KnownReports.post(api);
        dashboard = Json.MAPPER.readTree(Files.readString(GRAFANA.resolve("dashboards/test-telemetry.json")));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void provisioningPointsEveryQueryAtTheProvisionedPostgresDataSource() throws Exception {
        JsonNode ds = YAML.readTree(GRAFANA.resolve("provisioning/datasources/telemetry-postgres.yaml").toFile())
                .get("datasources").get(0);
        assertThat(ds.get("type").asString()).isEqualTo("grafana-postgresql-datasource");
        String uid = ds.get("uid").asString();
        JsonNode provider = YAML.readTree(GRAFANA.resolve("provisioning/dashboards/telemetry.yaml").toFile())
                .get("providers").get(0);
        assertThat(provider.get("type").asString()).isEqualTo("file");
        assertThat(provider.get("options").get("path").asString()).startsWith("/var/lib/grafana/dashboards");

        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.get("datasource").get("uid").asString()).as(title(panel)).isEqualTo(uid);
            assertThat(panel.get("targets").size()).as(title(panel)).isPositive();
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("datasource").get("uid").asString()).isEqualTo(uid);
                assertThat(target.get("rawSql").asString()).isNotBlank();
                queries++;
            }
        }
        JsonNode annotation = dashboard.get("annotations").get("list").get(0);
        assertThat(annotation.get("datasource").get("uid").asString()).isEqualTo(uid);
        assertThat(queries).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyPanelsSqlAnswersWithTheNumbersOfTheKnownReports() throws Exception {
        Map<String, List<Map<String, Object>>> r = runAll(OCTOBER, NOVEMBER, "", "");
        assertThat(one(r, "Runs/A", "runs")).isEqualTo(4L);
        assertThat(one(r, "Tests/A", "tests")).isEqualTo(270L);
        assertThat(one(r, "Failed tests/A", "failed")).isEqualTo(10L);
        assertThat(one(r, "Flaky tests/A", "flaky")).isEqualTo(4L);

        assertThat(pairs(r.get("Java versions/A"))).containsExactly("17=3", "21=1");
        assertThat(pairs(r.get("Operating systems/A"))).containsExactly("Linux=3", "Mac OS X=1");
        assertThat(pairs(r.get("Architectures/A"))).containsExactly("amd64=3", "aarch64=1");
        assertThat(pairs(r.get("CI providers/A"))).containsExactly("github-actions=3", "none=1");
        assertThat(pairs(r.get("Build tools/A"))).containsExactly("maven=3", "gradle=1");
        assertThat(pairs(r.get("Frameworks/A"))).containsExactly("junit-jupiter 6.1.3=3", "testng 7.12.0=1");

        assertThat(column(r.get("Runs per day/A"), "All")).containsExactly(2L, 1L, 1L);
        assertThat(days(r.get("Runs per day/A"))).containsExactly(KnownReports.DAY1, KnownReports.DAY2,
                KnownReports.DAY3);
        assertThat(triples(r.get("Runs per day/B"))).containsExactly(KnownReports.DAY1 + " Java 17=2",
                KnownReports.DAY2 + " Java 21=1", KnownReports.DAY3 + " Java 17=1");
        assertThat(doubles(r.get("Mean duration/A"), "All")).containsExactly(4000.0, 2000.0, 1000.0);
        assertThat(doubles(r.get("Mean peak heap/A"), "All")).containsExactly(256.0 * (1 << 20), 128.0 * (1 << 20));
        assertThat(triples(r.get("Mean peak heap/B"))).containsExactly(KnownReports.DAY1 + " Java 17=2.68435456E8",
                KnownReports.DAY2 + " Java 21=1.34217728E8");
        assertThat(doubles(r.get("Mean tests per run/A"), "All")).containsExactly(100.0, 50.0, 20.0);
        assertThat(doubles(r.get("Line coverage/A"), "All")).containsExactly(0.8, 0.9);
        assertThat(doubles(r.get("Branch coverage/A"), "All")).containsExactly(0.75, 0.5);
        assertThat(doubles(r.get("Assertions per test/A"), "All")).containsExactly(4.0, 2.0);

        Map<String, Object> outcomes = r.get("Outcomes, all runs/A").get(0);
        assertThat(outcomes).containsEntry("passed", 248L).containsEntry("failed", 10L).containsEntry("errored", 2L)
                .containsEntry("skipped", 6L).containsEntry("aborted", 2L).containsEntry("incomplete", 2L)
                .containsEntry("flaky", 4L).containsEntry("total", 270L).containsEntry("void", 5L);
        List<Map<String, Object>> overTime = r.get("Outcomes over time/A");
        assertThat(column(overTime, "failed")).containsExactly(8L, 0L, 2L);
        assertThat(column(overTime, "void")).containsExactly(null, 5L, null);

        Map<String, Object> sizes = r.get("Suite sizes, all runs/A").get(0);
        assertThat((Double) sizes.get("classes_per_run")).isEqualTo(7.0);
        assertThat((Double) sizes.get("methods_per_class")).isCloseTo(135.0 / 28, within(1e-9));
        assertThat((Double) sizes.get("tests_per_method")).isEqualTo(2.0);
        assertThat(doubles(r.get("Suite sizes over time/A"), "classes_per_run")).containsExactly(10.0, 6.0, 2.0);

        List<Map<String, Object>> projects = r.get("Top projects/A");
        assertThat(projects).extracting(p -> p.get("project") + "=" + p.get("runs") + "/" + p.get("tests"))
                .containsExactly("shop-service=2/200", "billing=1/50");
        assertThat(r.get("Anonymized projects/A").get(0)).containsEntry("projects", 1L).containsEntry("runs", 1L);
        assertThat(r.toString()).doesNotContain(KnownReports.HASHED_PROJECT);

        List<Map<String, Object>> releases = r.get("annotation/Releases");
        assertThat(releases).hasSize(1);
        assertThat(releases.get(0)).containsEntry("text", KnownReports.RELEASE_TAG)
                .containsEntry("time", Instant.parse(KnownReports.RELEASE_AT).toEpochMilli())
                .containsEntry("tags", "acme/shop-service");
    }

    @Test
    void theVariablesAndTheTimeRangeFilterEveryPanel() throws Exception {
        Map<String, List<Map<String, Object>>> billing = runAll(OCTOBER, NOVEMBER, "org.acme", "billing");
        assertThat(one(billing, "Runs/A", "runs")).isEqualTo(1L);
        assertThat(pairs(billing.get("Java versions/A"))).containsExactly("21=1");
        assertThat(billing.get("Outcomes, all runs/A").get(0)).containsEntry("total", 50L).containsEntry("void", 5L);

        long day1 = Instant.parse(KnownReports.DAY1 + "T00:00:00Z").toEpochMilli();
        Map<String, List<Map<String, Object>>> firstDay = runAll(day1, day1 + 86_400_000L - 1, "", "");
        assertThat(one(firstDay, "Runs/A", "runs")).isEqualTo(2L);
        assertThat(firstDay.get("annotation/Releases")).isEmpty();
        assertThat(firstDay.get("Outcomes, all runs/A").get(0).get("void")).isNull();

        // a quote in a variable is data, not SQL
        Map<String, List<Map<String, Object>>> quoted = runAll(OCTOBER, NOVEMBER, "o'hara' OR ''='", "");
        assertThat(one(quoted, "Runs/A", "runs")).isEqualTo(0L);
    }

    /** Runs every target of every panel and the annotation query; results by "panel title/refId". */
    private Map<String, List<Map<String, Object>>> runAll(long from, long to, String vendor, String project)
            throws Exception {
        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(api.server.store().url)) {
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String sql = expand(target.get("rawSql").asString(), from, to, vendor, project);
                    results.put(title(panel) + "/" + target.get("refId").asString(), query(c, sql, title(panel)));
                }
            }
            for (JsonNode annotation : dashboard.get("annotations").get("list")) {
                String sql = expand(annotation.get("target").get("rawSql").asString(), from, to, vendor, project);
                results.put("annotation/" + annotation.get("name").asString(), query(c, sql, "annotation"));
            }
        }
        return results;
    }

    static String expand(String sql, long from, long to, String vendor, String project) {
        String out = sql.replace("$__from", Long.toString(from)).replace("$__to", Long.toString(to))
                .replace("${vendor:sqlstring}", "'" + vendor.replace("'", "''") + "'")
                .replace("${project:sqlstring}", "'" + project.replace("'", "''") + "'");
        assertThat(out).as("a Grafana macro this test does not expand: " + sql).doesNotContain("$");
        return out;
    }

    private static List<Map<String, Object>> query(Connection c, String sql, String what) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof java.math.BigDecimal d) {
                        v = d.longValueExact();
                    } else if (v instanceof Integer n) {
                        v = n.longValue();
                    }
                    row.put(meta.getColumnLabel(i), v);
                }
                rows.add(row);
            }
        } catch (Exception e) {
            throw new AssertionError(what + ": " + e.getMessage() + "\n" + sql, e);
        }
        return rows;
    }

    private static String title(JsonNode panel) {
        return panel.get("title").asString();
    }

    private static Object one(Map<String, List<Map<String, Object>>> r, String key, String column) {
        assertThat(r.get(key)).as(key).hasSize(1);
        return r.get(key).get(0).get(column);
    }

    private static List<String> pairs(List<Map<String, Object>> rows) {
        return rows.stream().map(m -> m.get("value") + "=" + m.get("runs")).toList();
    }

    private static List<String> triples(List<Map<String, Object>> rows) {
        return rows.stream().map(m -> day(m) + " " + m.get("metric") + "=" + m.get("value")).toList();
    }

    private static List<String> days(List<Map<String, Object>> rows) {
        return rows.stream().map(GrafanaDashboardTest::day).toList();
    }

    private static String day(Map<String, Object> row) {
        return ((Timestamp) row.get("time")).toLocalDateTime().toLocalDate().toString();
    }

    private static List<Object> column(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(m -> m.get(name)).toList();
    }

    private static List<Double> doubles(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(m -> ((Number) m.get(name)).doubleValue()).toList();
    }
}
