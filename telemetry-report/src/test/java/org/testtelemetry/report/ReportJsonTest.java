package org.testtelemetry.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ReportJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static List<Report> reports() {
        return SampleReports.all();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void everyReportTheBuilderMakesValidatesAgainstTheSchema(Report report) {
        assertThat(ReportSchema.errors(ReportJson.write(report))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("reports")
    void serializeThenParseGivesAnEqualReport(Report report) {
        assertThat(ReportJson.read(ReportJson.write(report))).isEqualTo(report);
        assertThat(ReportJson.read(ReportJson.writePretty(report))).isEqualTo(report);
    }

    @Test
    void fieldNamesAreThoseOfTheDesign() {
        ObjectNode json = (ObjectNode) MAPPER.readTree(ReportJson.write(SampleReports.all().get(0)));
        assertThat(json.propertyNames()).containsExactly("schemaVersion", "id", "createdAt", "project", "environment", "metrics");
        assertThat(json.get("metrics").propertyNames()).containsExactly("classes", "methods", "tests", "assertions",
                "exceptions", "errors", "coverage", "durationMs", "memory", "forks");
        assertThat(json.get("metrics").get("tests").propertyNames()).containsExactly("total", "passed", "failed",
                "errored", "skipped", "aborted", "incomplete", "flaky", "void");
        assertThat(json.get("environment").propertyNames()).containsExactly("java", "frameworks", "telemetry", "os",
                "arch", "ci", "buildTool");
        assertThat(json.get("project").get("anonymized").asString()).isEqualTo("all");
        assertThat(json.get("createdAt").asString()).matches(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        // "null where not measured": the field is present and null, not missing
        assertThat(json.get("metrics").has("coverage")).isTrue();
        assertThat(json.get("metrics").get("coverage").isNull()).isTrue();
    }

    @Test
    void aReportMissingARequiredFieldIsRejected() {
        for (String path : List.of("id", "project", "metrics")) {
            ObjectNode json = valid();
            json.remove(path);
            assertThat(ReportSchema.errors(json.toString())).as("without " + path).isNotEmpty();
        }
        ObjectNode json = valid();
        ((ObjectNode) json.get("metrics").get("tests")).remove("failed");
        assertThat(ReportSchema.errors(json.toString())).isNotEmpty();
    }

    @Test
    void voidIsOptionalNullableAndNeverNegative() {
        ObjectNode json = valid();
        ObjectNode tests = (ObjectNode) json.get("metrics").get("tests");
        assertThat(tests.get("void").asLong()).isEqualTo(5);
        tests.remove("void"); // a client that predates the field
        assertThat(ReportSchema.errors(json.toString())).isEmpty();
        assertThat(ReportJson.read(json.toString()).metrics().tests().voidTests()).isNull();
        tests.putNull("void"); // the agent was not attached
        assertThat(ReportSchema.errors(json.toString())).isEmpty();
        assertThat(ReportJson.read(json.toString()).metrics().tests().voidTests()).isNull();
        tests.put("void", -1);
        assertThat(ReportSchema.errors(json.toString())).anyMatch(e -> e.contains("void"));
    }

    @Test
    void aNegativeCountIsRejected() {
        ObjectNode json = valid();
        ((ObjectNode) json.get("metrics").get("tests")).put("passed", -1);
        assertThat(ReportSchema.errors(json.toString())).anyMatch(e -> e.contains("passed"));
        ObjectNode coverage = valid();
        ((ObjectNode) coverage.get("metrics").get("coverage").get("line")).put("missed", -5);
        assertThat(ReportSchema.errors(coverage.toString())).isNotEmpty();
    }

    @Test
    void aPathOrUrlInATextFieldIsRejected() {
        ObjectNode json = valid();
        ((ObjectNode) json.get("environment").get("os")).put("version", "/home/alice/kernel");
        assertThat(ReportSchema.errors(json.toString())).isNotEmpty();
    }

    @Test
    void unknownFieldsAreAcceptedByTheSchemaAndIgnoredWhenRead() {
        ObjectNode json = valid();
        json.put("comesFromANewerClient", 42);
        ((ObjectNode) json.get("metrics")).put("newMetric", 7);
        assertThat(ReportSchema.errors(json.toString())).isEmpty();
        assertThat(ReportJson.read(json.toString()).id().toString()).isEqualTo(json.get("id").asString());
    }

    @Test
    void theSchemaShipsInTheJar() throws Exception {
        try (var in = ReportJson.schema()) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes())).contains("2020-12");
        }
    }

    private static ObjectNode valid() {
        Report report = SampleReports.all().stream().filter(r -> r.metrics().coverage() != null).findFirst().orElseThrow();
        String text = ReportJson.write(report);
        assertThat(ReportSchema.errors(text)).isEmpty();
        return (ObjectNode) MAPPER.readTree(text);
    }
}
