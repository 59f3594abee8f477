package org.testtelemetry.core.coverage;

import org.testtelemetry.core.testing.RecordingLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.testtelemetry.report.Metrics;

/**
 * CoverageReader against JaCoCo's own {@code jacoco:report} on real Maven builds of the sample projects in src/it
 * (run by maven-invoker-plugin just before this test, with jacoco-maven-plugin's agent and report goal), through the
 * published, shaded jar.
 */
class CoverageReaderIT {

    private static final Path SAMPLES = Path.of(System.getProperty("telemetry.it.samples", "target/it"));

    @Test
    void featuresProjectEqualsJacocoReport() throws IOException {
        Path target = SAMPLES.resolve("coverage-features/target");
        Path csv = target.resolve("site/jacoco/jacoco.csv");
        RecordingLog log = new RecordingLog();

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(target.resolve("jacoco.exec")),
                List.of(target.resolve("classes")), log);

        Metrics.Coverage report = JacocoReportFiles.xmlTotals(target.resolve("site/jacoco/jacoco.xml"));
        assertThat(ours).isEqualTo(report);
        assertThat(log.warnings()).isEmpty();
        assertCsvAgrees(csv, ours);
        // The sample really has classes no test loaded, and they are in the totals as missed.
        for (String idle : List.of("Dormant", "Dormant.Mode", "Untested")) {
            assertThat(JacocoReportFiles.csvRow(csv, idle)).containsEntry("INSTRUCTION_COVERED", 0L)
                    .extractingByKey("INSTRUCTION_MISSED").asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.LONG).isPositive();
        }
        // A line shared by Inventory and its anonymous class counts once: summing classes would over-count.
        Map<String, Long> sums = JacocoReportFiles.csvSums(csv);
        assertThat(sums.get("LINE_COVERED") + sums.get("LINE_MISSED"))
                .isGreaterThan(ours.line().covered() + ours.line().missed());
    }

    @Test
    void twoForksMergeByProbeLikeJacocoMergeAndReport() throws IOException {
        Path target = SAMPLES.resolve("coverage-forks/target");
        List<Path> classes = List.of(target.resolve("classes"));
        Path forkA = target.resolve("fork-a.exec");
        Path forkB = target.resolve("fork-b.exec");

        Metrics.Coverage ours = CoverageReader.fromExecFiles(List.of(forkA, forkB), classes, new RecordingLog());
        Metrics.Coverage onlyA = CoverageReader.fromExecFiles(List.of(forkA), classes, new RecordingLog());
        Metrics.Coverage onlyB = CoverageReader.fromExecFiles(List.of(forkB), classes, new RecordingLog());

        Metrics.Coverage report = JacocoReportFiles.xmlTotals(target.resolve("site/jacoco/jacoco.xml"));
        assertThat(ours).isEqualTo(report);
        assertThat(CoverageReader.fromExecFiles(List.of(target.resolve("merged.exec")), classes, new RecordingLog()))
                .isEqualTo(report);
        assertCsvAgrees(target.resolve("site/jacoco/jacoco.csv"), ours);
        assertThat(ours.branch().covered()).isGreaterThan(onlyA.branch().covered())
                .isGreaterThan(onlyB.branch().covered())
                .as("branches both forks took count once").isLessThan(onlyA.branch().covered() + onlyB.branch().covered());
        assertThat(ours.branch().covered() + ours.branch().missed()).as("merging never changes what there is to cover")
                .isEqualTo(onlyA.branch().covered() + onlyA.branch().missed());
    }

    @Test
    void publishedJarFindsTheUsersAgentUnderItsRealName() throws Exception {
        Path jar = Path.of(System.getProperty("telemetry.it.jar"));
        try (JarFile published = new JarFile(jar.toFile())) {
            String constants = new String(published.getInputStream(published.getEntry(
                    "org/testtelemetry/core/coverage/RunningAgent.class")).readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(constants).contains("org.jacoco.agent.rt.RT").doesNotContain("shaded.jacoco.agent");
            assertThat(published.getEntry("org/testtelemetry/shaded/jacoco/core/analysis/Analyzer.class")).isNotNull();
            assertThat(published.getEntry("org/jacoco/core/analysis/Analyzer.class")).isNull();
        }
        // And it works: a program on the published jar reads the agent that runs it.
        Path classes = SAMPLES.resolve("coverage-forks/target/classes");
        Path work = Files.createTempDirectory("agent-probe");
        Path driver = SampleBuild.compile(work, work.resolve("driver"), Map.of("sample/Driver.java", """
                package sample;

                public class Driver {
                    public static void main(String[] args) throws Exception {
                        new sample.forks.Tariff().price(30, true, true);
                        var coverage = org.testtelemetry.core.coverage.CoverageReader.fromRunningAgent(
                                java.util.List.of(java.nio.file.Path.of(args[0])),
                                org.testtelemetry.core.TelemetryLog.stderr(false));
                        System.out.println("coverage: " + coverage);
                    }
                }
                """), List.of(jar, classes));
        Path exec = work.resolve("driver.exec");
        List<Path> classPath = new ArrayList<>(List.of(jar, classes, driver));

        String output = AgentRun.run(exec, classPath, "sample.Driver", classes.toString());

        Metrics.Coverage fromFile = CoverageReader.fromExecFiles(List.of(exec), List.of(classes), new RecordingLog());
        assertThat(fromFile.instruction().covered()).isPositive();
        assertThat(output).contains("coverage: " + fromFile);
    }

    private static void assertCsvAgrees(Path csv, Metrics.Coverage ours) throws IOException {
        Map<String, Long> sums = JacocoReportFiles.csvSums(csv);
        assertThat(new Metrics.Counter(sums.get("INSTRUCTION_COVERED"), sums.get("INSTRUCTION_MISSED")))
                .isEqualTo(ours.instruction());
        assertThat(new Metrics.Counter(sums.get("BRANCH_COVERED"), sums.get("BRANCH_MISSED"))).isEqualTo(ours.branch());
        assertThat(new Metrics.Counter(sums.get("METHOD_COVERED"), sums.get("METHOD_MISSED"))).isEqualTo(ours.method());
        assertThat(new Metrics.Counter(sums.get("COMPLEXITY_COVERED"), sums.get("COMPLEXITY_MISSED")))
                .isEqualTo(ours.complexity());
    }
}
