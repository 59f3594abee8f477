package org.testtelemetry.testng;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testng.xml.XmlClass;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.report.Report;
import org.testtelemetry.testng.fixtures.BeforeClassFailsFixture;
import org.testtelemetry.testng.fixtures.BeforeMethodFailsFixture;
import org.testtelemetry.testng.fixtures.BeforeMethodSkipsFixture;
import org.testtelemetry.testng.fixtures.DependenciesFixture;
import org.testtelemetry.testng.fixtures.FactoryFixture;
import org.testtelemetry.testng.fixtures.InvocationsFixture;
import org.testtelemetry.testng.fixtures.OutcomesFixture;
import org.testtelemetry.testng.fixtures.ParallelFixture;
import org.testtelemetry.testng.fixtures.RetryFixture;

/**
 * Runs one fixture class per counting rule through real TestNG and checks the report it produced. The same
 * fixtures run under a real Surefire build in src/it, where the counts are compared with Surefire's XML.
 */
class TelemetryTestNGListenerTest {

    @TempDir
    Path temp;

    private static void assertTests(Report report, long total, long passed, long failed, long errored, long skipped,
                                    long flaky) {
        assertThat(report.metrics().tests())
                .isEqualTo(new Metrics.Tests(total, passed, failed, errored, skipped, 0, 0, flaky));
    }

    @Test
    void countsEachOutcome() {
        Report report = new TestNGHarness(temp).run(OutcomesFixture.class);

        assertTests(report, 8, 2, 1, 4, 1, 0);
        Metrics m = report.metrics();
        assertThat(m.exceptions()).as("IllegalStateException, LinkageError, TestException, timeout").isEqualTo(4);
        assertThat(m.errors()).as("LinkageError is a java.lang.Error").isEqualTo(1);
        assertThat(m.methods()).isEqualTo(8);
        assertThat(m.classes()).isEqualTo(1);
    }

    @Test
    void countsEachDataProviderRowAndRepetitionAndHonoursSuccessPercentage() {
        TestNGHarness harness = new TestNGHarness(temp);
        Report report = harness.run(InvocationsFixture.class);

        assertTests(report, 11, 10, 1, 0, 0, 0);
        assertThat(report.metrics().methods()).isEqualTo(3);
        assertThat(harness.results.getFailedButWithinSuccessPercentageTests()).as("TestNG's own view").hasSize(1);
    }

    @Test
    void countsEachFactoryInstanceButEachMethodOnce() {
        Report report = new TestNGHarness(temp).run(FactoryFixture.class);

        assertTests(report, 6, 5, 1, 0, 0, 0);
        assertThat(report.metrics().methods()).isEqualTo(2);
        assertThat(report.metrics().classes()).isEqualTo(1);
    }

    @Test
    void testsSkippedByAFailedDependencyOrGroupAreSkipped() {
        Report report = new TestNGHarness(temp).run(DependenciesFixture.class);

        assertTests(report, 6, 2, 2, 0, 2, 0);
        assertThat(report.metrics().exceptions()).isZero();
    }

    @Test
    void aFailedBeforeClassIsOneErroredTestAndSkipsTheRest() {
        Report report = new TestNGHarness(temp).run(BeforeClassFailsFixture.class);

        assertTests(report, 5, 0, 0, 1, 4, 0);
        assertThat(report.metrics().exceptions()).as("the @BeforeClass failure").isEqualTo(1);
        assertThat(report.metrics().methods()).as("test methods only").isEqualTo(3);
        assertThat(report.metrics().classes()).isEqualTo(1);
    }

    @Test
    void aSkipExceptionInBeforeMethodIsOneSkippedTestPerInvocation() {
        Report report = new TestNGHarness(temp).run(BeforeMethodSkipsFixture.class);

        assertTests(report, 4, 0, 0, 0, 4, 0);
        assertThat(report.metrics().exceptions()).isZero();
    }

    @Test
    void aFailedBeforeMethodIsOneFailedTestAndSkipsWhatItGuards() {
        Report report = new TestNGHarness(temp).run(BeforeMethodFailsFixture.class);

        assertTests(report, 6, 0, 1, 0, 5, 0);
        assertThat(report.metrics().exceptions()).as("an AssertionError is not an exception").isZero();
    }

    @Test
    void aRetriedAttemptIsSkippedAndAPassAfterARetryIsFlaky() {
        TestNGHarness harness = new TestNGHarness(temp);
        Report report = harness.run(RetryFixture.class);

        assertTests(report, 8, 3, 1, 0, 4, 2);
        assertThat(report.metrics().methods()).isEqualTo(3);
        assertThat(harness.results.getPassedTests()).as("TestNG's own view").hasSize(3);
    }

    @Test
    void countsExactlyUnderParallelExecution() {
        ParallelFixture.THREADS.clear();
        XmlSuite suite = new XmlSuite();
        suite.setName("parallel");
        suite.setParallel(XmlSuite.ParallelMode.METHODS);
        suite.setThreadCount(64);
        suite.setDataProviderThreadCount(32);
        XmlTest test = new XmlTest(suite);
        test.setName("parallel");
        test.setXmlClasses(List.of(new XmlClass(ParallelFixture.class)));
        TestNGHarness harness = new TestNGHarness(temp);

        List<Report> reports = harness.runSuites(List.of(suite));

        assertThat(ParallelFixture.THREADS).as("threads the tests ran on").hasSizeGreaterThan(8);
        assertThat(reports).hasSize(1);
        int failed = ParallelFixture.FAILED;
        assertTests(reports.get(0), ParallelFixture.TESTS, ParallelFixture.TESTS - failed, failed, 0, 0, 0);
        assertThat(harness.results.getPassedTests()).hasSize(ParallelFixture.TESTS - failed);
    }

    @Test
    void oneReportCoversEverySuiteAndTest() {
        XmlSuite first = suite("first", OutcomesFixture.class, FactoryFixture.class);
        XmlSuite second = suite("second", InvocationsFixture.class, DependenciesFixture.class);

        List<Report> reports = new TestNGHarness(temp).runSuites(List.of(first, second));

        assertThat(reports).hasSize(1);
        assertTests(reports.get(0), 8 + 6 + 11 + 6, 2 + 5 + 10 + 2, 1 + 1 + 1 + 2, 4, 1 + 2, 0);
        assertThat(reports.get(0).metrics().classes()).isEqualTo(4);
    }

    /** A suite with one {@code <test>} per class. */
    private static XmlSuite suite(String name, Class<?>... classes) {
        XmlSuite suite = new XmlSuite();
        suite.setName(name);
        for (Class<?> type : classes) {
            XmlTest test = new XmlTest(suite);
            test.setName(name + "-" + type.getSimpleName());
            test.setXmlClasses(List.of(new XmlClass(type)));
        }
        return suite;
    }

    @Test
    void namesTestNGWithItsVersionAndReportsTheWholeRun() {
        Report report = new TestNGHarness(temp).run(FactoryFixture.class);

        assertThat(report.environment().frameworks())
                .containsExactly(new Framework("testng", System.getProperty("expected.testng.version")));
        assertThat(report.environment().telemetry().adapter()).isEqualTo("testng");
        assertThat(report.metrics().forks()).isEqualTo(1);
        assertThat(report.metrics().durationMs()).isNotNegative();
        assertThat(report.metrics().memory().peakHeapBytes()).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() * 2);
        assertThat(report.metrics().coverage()).as("no JaCoCo agent here").isNull();
    }

    @Test
    void isRegisteredThroughTheServiceLoader() {
        TestNGHarness harness = new TestNGHarness(temp);
        harness.serviceLoader = true;

        Report report = harness.run(FactoryFixture.class);

        assertTests(report, 6, 5, 1, 0, 0, 0);
    }

    @Test
    void oneReportPerTestNGRun() {
        TestNGHarness harness = new TestNGHarness(temp);
        harness.runClasses(FactoryFixture.class);
        List<Report> reports = harness.runClasses(DependenciesFixture.class);

        assertThat(reports).extracting(r -> r.metrics().tests().total()).containsExactlyInAnyOrder(6L, 6L);
    }

    @Test
    void aDryRunIsNotReported() throws Exception {
        TestNGHarness harness = new TestNGHarness(temp).with("testng.mode.dryrun", "true");

        assertThat(harness.runClasses(OutcomesFixture.class)).isEmpty();

        assertThat(harness.results.getPassedTests()).as("TestNG \"passed\" methods it never ran").hasSizeGreaterThan(2);
        assertThat(harness.runDirFiles()).isEmpty();
        assertThat(harness.lines).isEmpty();
    }

    @Test
    void notEnabledMeansNoFilesAndNoOutput() throws Exception {
        TestNGHarness harness = new TestNGHarness(temp).with("telemetry.enabled", null);

        assertThat(harness.runClasses(OutcomesFixture.class)).isEmpty();

        assertThat(harness.runDirFiles()).isEmpty();
        assertThat(harness.lines).isEmpty();
        assertThat(harness.results.getPassedTests()).hasSize(2);
    }

    @Test
    void aBadEnabledValueIsOneWarningAndNoReport() {
        TestNGHarness harness = new TestNGHarness(temp).with("telemetry.enabled", "yes please");

        assertThat(harness.runClasses(OutcomesFixture.class)).isEmpty();

        assertThat(harness.lines).singleElement().asString()
                .startsWith("WARN Test telemetry: ignoring telemetry.enabled='yes please'");
    }

    @Test
    void aThinRunItsSystemPropertiesDecideReadsNoOtherSettingAndReports() {
        // as in the Maven plugin's forks (telemetry.enabled=true, telemetry.runDir): the plugin reads and checks
        // every other setting once per module; in the fork they have no effect, so they are not read (issue 15)
        TestNGHarness harness = new TestNGHarness(temp).with("telemetry.timeout", "soon");

        Report report = harness.run(OutcomesFixture.class);

        assertThat(report.metrics().tests().total()).isEqualTo(8);
        assertThat(harness.lines).filteredOn(l -> l.startsWith("WARN")).isEmpty();
    }

    @Test
    void aBadValueIsOneWarningWhenTheRunReadsItsSettings() throws Exception {
        // the run directory from a telemetry.properties on the class path, not a system property: the whole
        // configuration is read, and a bad value is one warning
        Path classPath = Files.createDirectories(temp.resolve("class-path"));
        TestNGHarness harness = new TestNGHarness(temp).with("telemetry.timeout", "soon").with("telemetry.runDir", null);
        Files.writeString(classPath.resolve("telemetry.properties"),
                "telemetry.runDir=" + harness.runDir.toString().replace('\\', '/') + "\n");
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        Report report;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classPath.toUri().toURL()}, before)) {
            thread.setContextClassLoader(loader);
            report = harness.run(OutcomesFixture.class);
        } finally {
            thread.setContextClassLoader(before);
        }

        assertThat(report.metrics().tests().total()).isEqualTo(8);
        assertThat(harness.lines).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .contains("telemetry.timeout='soon'");
    }

    @Test
    void eachSuitesTestsArePlannedBeforeTheyRun() throws Exception {
        TestNGHarness harness = new TestNGHarness(temp);
        harness.runClasses(OutcomesFixture.class, InvocationsFixture.class);

        PartialResults.Run run = PartialResults.read(harness.runDir, harness.log());
        assertThat(run.finished()).hasSize(1);
        assertThat(run.unfinished()).as("the run finished").isEmpty();
        // had the JVM died before the end, its plan would be all that is left: OutcomesFixture's methods, and
        // InvocationsFixture's with their invocationCount (a data provider's rows are unknown until it runs)
        try (var files = Files.list(harness.runDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(PartialResults.PREFIX)).toList()) {
                Files.delete(file);
            }
        }
        PartialResults.Started started = PartialResults.read(harness.runDir, harness.log()).unfinished().get(0);
        assertThat(started.plannedByClass()).hasSize(2);
        assertThat(started.planned()).isEqualTo(8 + 1 + 4 + 4);
    }

    @Test
    void anUnwritableRunDirIsOneWarningAndChangesNoResult() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");
        TestNGHarness harness = new TestNGHarness(temp).with("telemetry.runDir", notADirectory.toString());
        TestNGHarness without = new TestNGHarness(temp.resolve("off")).with("telemetry.enabled", "false");

        harness.runClasses(OutcomesFixture.class);
        without.runClasses(OutcomesFixture.class);

        assertThat(harness.lines).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .startsWith("WARN Test telemetry: writing the planned tests failed: java.")
                .endsWith("(test results and the build are not affected)")
                .doesNotContain("\tat ");
        assertThat(harness.exitStatus).isEqualTo(without.exitStatus).isNotZero();
        assertThat(harness.results.getPassedTests()).hasSameSizeAs(without.results.getPassedTests());
        assertThat(harness.results.getFailedTests()).hasSameSizeAs(without.results.getFailedTests());
        assertThat(harness.results.getSkippedTests()).hasSameSizeAs(without.results.getSkippedTests());
    }
}
