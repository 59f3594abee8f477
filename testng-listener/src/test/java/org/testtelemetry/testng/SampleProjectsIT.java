package org.testtelemetry.testng;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.core.testing.SurefireXml;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.testng.fixtures.ParallelFixture;

/**
 * Checks the real Maven builds that maven-invoker-plugin ran from src/it: for every counting rule, the report of a
 * real {@code mvn test} (Surefire's own TestNG provider) equals Surefire's TEST-*.xml test cases, and the published
 * jar is the only artifact it adds to a user's test classpath.
 */
class SampleProjectsIT {

    private static final Path PROJECTS = Path.of(System.getProperty("telemetry.it.projects", "target/it"));

    /**
     * One Surefire execution per rule, under Surefire's own TestNG provider (surefire-counts, Surefire 3.5) and under
     * the JUnit Platform's TestNG engine (platform-counts, Surefire 3.6), which writes configuration methods per
     * class. The expected figures are the in-process tests' (TelemetryTestNGListenerTest), so a rule cannot agree
     * with Surefire by both sides counting nothing.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "surefire-counts, outcomes,            8,  4",
        "surefire-counts, invocations,         11, 0",
        "surefire-counts, factory,             6,  0",
        "surefire-counts, dependencies,        6,  0",
        "surefire-counts, before-class-fails,  5,  1",
        "surefire-counts, before-method-skips, 4,  0",
        "surefire-counts, before-method-fails, 6,  0",
        "surefire-counts, retry,               8,  0",
        "surefire-counts, all,                 " + (8 + 11 + 6 + 6 + 5 + 4 + 6 + 8 + ParallelFixture.TESTS) + ", 5",
        "surefire-counts, parallel,            " + ParallelFixture.TESTS + ", 0",
        "platform-counts, outcomes,            8,  4",
        "platform-counts, invocations,         11, 0",
        "platform-counts, factory,             6,  0",
        "platform-counts, dependencies,        6,  0",
        "platform-counts, before-class-fails,  4,  1",
        "platform-counts, before-method-skips, 2,  0",
        "platform-counts, before-method-fails, 4,  0",
        "platform-counts, retry,               8,  0",
        "platform-counts, all,                 " + (8 + 11 + 6 + 6 + 4 + 2 + 4 + 8 + ParallelFixture.TESTS) + ", 5",
        "platform-counts, parallel,            " + ParallelFixture.TESTS + ", 0"})
    void reportedCountsEqualSurefireXml(String sample, String run, long total, long exceptions) throws Exception {
        Path build = PROJECTS.resolve(sample).resolve("target/runs").resolve(run);
        SurefireXml xml = SurefireXml.read(build.resolve("surefire-reports"));
        List<Report> reports = PartialResults.readAll(build.resolve("telemetry-run"), RecordingLog.failingOnWarning());

        assertThat(reports).as("one partial result from the one TestNG run").hasSize(1);
        Metrics.Tests tests = reports.get(0).metrics().tests();
        assertThat(tests.total()).as("total = Surefire tests").isEqualTo(xml.tests()).isEqualTo(total);
        assertThat(tests.failed() + tests.errored()).as("failed + errored = Surefire failures + errors")
                .isEqualTo(xml.failedOrErrored());
        assertThat(tests.skipped() + tests.aborted()).as("skipped + aborted = Surefire skipped")
                .isEqualTo(xml.skipped());
        assertThat(tests.incomplete()).isZero();
        assertThat(reports.get(0).metrics().exceptions()).isEqualTo(exceptions);
        assertThat(reports.get(0).environment().frameworks())
                .containsExactly(new Framework("testng", System.getProperty("expected.testng.version")));
    }

    /** Why the XML is counted by test case: Surefire's own testsuite totals merge same-named executions. */
    @Test
    void surefiresSuiteAttributesMergeExecutionsOfTheSameName() throws Exception {
        Path runs = PROJECTS.resolve("surefire-counts/target/runs");
        SurefireXml invocations = SurefireXml.read(runs.resolve("invocations/surefire-reports"));
        SurefireXml factory = SurefireXml.read(runs.resolve("factory/surefire-reports"));

        assertThat(invocations.tests()).isEqualTo(11);
        assertThat(invocations.attributeTests()).as("3 rows + 1 per repeated method").isEqualTo(5);
        assertThat(factory.tests()).isEqualTo(6);
        assertThat(factory.attributeTests()).as("1 per method, whatever the instances").isEqualTo(2);
    }

    @Test
    void theJarIsTheOnlyArtifactItAddsToAUsersTestClasspath() throws IOException {
        Path project = PROJECTS.resolve("shaded-classpath");
        List<String> tree = Files.readAllLines(project.resolve("target/dependency-tree.txt"));

        String ours = tree.stream().filter(line -> line.contains("org.testtelemetry:")).reduce((a, b) -> a + b)
                .orElseThrow();
        assertThat(ours).contains("org.testtelemetry:telemetry-testng-listener:jar:").doesNotContain("telemetry-core");
        int at = tree.indexOf(tree.stream().filter(l -> l.contains("telemetry-testng-listener")).findFirst()
                .orElseThrow());
        String next = at + 1 < tree.size() ? tree.get(at + 1) : "";
        assertThat(next).as("nothing hangs below our jar").doesNotStartWith("|  ").doesNotStartWith("   ");
        assertThat(String.join("\n", tree)).doesNotContain("tools.jackson").doesNotContain("okhttp:jar:5")
                .doesNotContain("org.jacoco").contains("okhttp:jar:4.").contains("jackson-databind:jar:2.");

        List<Report> reports = new java.util.ArrayList<>();
        try (var files = Files.list(project.resolve("target/telemetry"))) {
            for (Path file : files.toList()) {
                reports.add(ReportJson.read(Files.readString(file)));
            }
        }
        assertThat(reports).as("one report: the TestNG engine's discovery (a dry run) is not one").hasSize(1);
        assertThat(reports.get(0).metrics().tests())
                .as("the user's 4 tests passed with their own libraries, and were counted")
                .isEqualTo(new Metrics.Tests(4, 4, 0, 0, 0, 0, 0, 0));
        Metrics.Coverage coverage = reports.get(0).metrics().coverage();
        assertThat(coverage).as("in-process coverage of target/classes from the JaCoCo agent").isNotNull();
        assertThat(coverage.line().covered()).as("Greeter's lines that ran").isPositive();
        assertThat(coverage.line().missed()).as("the blank-name branch never ran").isPositive();
    }
}
