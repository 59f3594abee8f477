package org.testtelemetry.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.vintage.engine.VintageTestEngine;
import org.opentest4j.AssertionFailedError;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.junit5.fixtures.AfterAllFailsFixture;
import org.testtelemetry.junit5.fixtures.BeforeAllAbortsFixture;
import org.testtelemetry.junit5.fixtures.BeforeAllFailsFixture;
import org.testtelemetry.junit5.fixtures.DisabledClassFixture;
import org.testtelemetry.junit5.fixtures.ExecutionsFixture;
import org.testtelemetry.junit5.fixtures.FailingContainersFixture;
import org.testtelemetry.junit5.fixtures.OutcomesFixture;
import org.testtelemetry.junit5.fixtures.ParallelFixture;
import org.testtelemetry.junit5.fixtures.VintageFixture;

/** Runs one fixture class per counting rule through the real launcher and checks the report it produced. */
class TelemetryListenerTest {

    @TempDir
    Path temp;

    private static void assertTests(Report report, long total, long passed, long failed, long errored, long skipped,
                                    long aborted) {
        assertThat(report.metrics().tests())
                .isEqualTo(new Metrics.Tests(total, passed, failed, errored, skipped, aborted, 0, 0));
    }

    @Test
    void countsEachOutcome() {
        Report report = new LauncherHarness(temp).run(OutcomesFixture.class);

        assertTests(report, 6, 1, 1, 2, 1, 1);
        Metrics m = report.metrics();
        assertThat(m.exceptions()).as("IllegalStateException and LinkageError").isEqualTo(2);
        assertThat(m.errors()).as("LinkageError is a java.lang.Error").isEqualTo(1);
        assertThat(m.methods()).isEqualTo(6);
        assertThat(m.classes()).isEqualTo(1);
    }

    @Test
    void countsEveryExecutionOfParameterizedRepeatedDynamicAndNestedTests() {
        Report report = new LauncherHarness(temp).run(ExecutionsFixture.class);

        assertTests(report, 15, 15, 0, 0, 0, 0);
        assertThat(report.metrics().methods()).isEqualTo(6);
        assertThat(report.metrics().classes()).as("the class and its @Nested class").isEqualTo(2);
    }

    @Test
    void aClassWhoseBeforeAllFailsIsOneErroredTest() {
        Report report = new LauncherHarness(temp).run(BeforeAllFailsFixture.class);

        assertTests(report, 1, 0, 0, 1, 0, 0);
        assertThat(report.metrics().exceptions()).isEqualTo(1);
        assertThat(report.metrics().methods()).isZero();
        assertThat(report.metrics().classes()).isEqualTo(1);
    }

    @Test
    void aFailingAfterAllAddsOneErroredTest() {
        Report report = new LauncherHarness(temp).run(AfterAllFailsFixture.class);

        assertTests(report, 3, 2, 0, 1, 0, 0);
        assertThat(report.metrics().exceptions()).isEqualTo(1);
        assertThat(report.metrics().methods()).isEqualTo(2);
    }

    @Test
    void aDisabledClassIsOneSkippedTestPerChild() {
        Report report = new LauncherHarness(temp).run(DisabledClassFixture.class);

        assertTests(report, 3, 0, 0, 0, 3, 0);
        assertThat(report.metrics().methods()).isEqualTo(3);
        assertThat(report.metrics().classes()).isEqualTo(1);
    }

    @Test
    void aFailingFactoryOrArgumentSourceIsOneErroredTestEach() {
        Report report = new LauncherHarness(temp).run(FailingContainersFixture.class);

        assertTests(report, 2, 0, 0, 2, 0, 0);
        assertThat(report.metrics().exceptions()).isEqualTo(2);
        assertThat(report.metrics().methods()).isEqualTo(2);
    }

    @Test
    void aClassAbortedInBeforeAllIsOneAbortedTestPerDeclaredTest() {
        Report report = new LauncherHarness(temp).run(BeforeAllAbortsFixture.class);

        assertTests(report, 2, 0, 0, 0, 0, 2);
        assertThat(report.metrics().methods()).isEqualTo(2);
        assertThat(report.metrics().classes()).isEqualTo(1);
    }

    @Test
    void countsExactlyUnderParallelExecution() {
        ParallelFixture.THREADS.clear();
        LauncherHarness harness = new LauncherHarness(temp)
                .with("junit.jupiter.execution.parallel.enabled", "true")
                .with("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .with("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .with("junit.jupiter.execution.parallel.config.fixed.parallelism", "16");

        Report report = harness.run(ParallelFixture.class);

        assertThat(ParallelFixture.THREADS).as("threads the tests ran on").hasSizeGreaterThan(4);
        assertTests(report, ParallelFixture.TESTS + 10, ParallelFixture.TESTS, 10, 0, 0, 0);
        assertThat(report.metrics().methods()).isEqualTo(2);
        assertThat(harness.summary.getTestsSucceededCount()).isEqualTo(ParallelFixture.TESTS);
    }

    @Test
    void countsOtherEnginesAndNamesEachEngineWithItsVersion() {
        Report report = new LauncherHarness(temp).run(VintageFixture.class, OutcomesFixture.class);

        assertTests(report, 9, 2, 2, 2, 2, 1);
        assertThat(report.metrics().classes()).isEqualTo(2);
        String jupiter = new JupiterTestEngine().getVersion().orElseThrow();
        assertThat(report.environment().frameworks()).contains(
                new Framework("junit-platform", Launcher.class.getPackage().getImplementationVersion()),
                new Framework("junit-jupiter", jupiter));
        assertThat(report.environment().frameworks()).extracting(Framework::name).contains("junit-vintage");
        assertThat(report.environment().telemetry().adapter()).isEqualTo("junit5");
    }

    @Test
    void junitsEnginesInTheirOwnJarsAreReadFromTheirPackageAsTheEngineWouldAnswer() {
        String jupiter = new JupiterTestEngine().getVersion().orElseThrow();
        String vintage = new VintageTestEngine().getVersion().orElseThrow();
        assertThat(TelemetryListener.ownJarVersion(JupiterTestEngine.class, Launcher.class)).isEqualTo(jupiter);
        assertThat(TelemetryListener.ownJarVersion(VintageTestEngine.class, Launcher.class)).isEqualTo(vintage);

        // the engine must be asked: it shares the launcher's jar (the standalone jar names each engine's version in
        // its manifest, and its Implementation-Version is the platform's), it is not JUnit's, or its jar has no version
        assertThat(TelemetryListener.ownJarVersion(JupiterTestEngine.class, JupiterTestEngine.class)).isNull();
        assertThat(AssertionFailedError.class.getPackage().getImplementationVersion()).as("opentest4j's jar has one")
                .isNotBlank();
        assertThat(TelemetryListener.ownJarVersion(AssertionFailedError.class, Launcher.class)).isNull();
        assertThat(TelemetryListener.ownJarVersion(TelemetryListenerTest.class, Launcher.class)).isNull();
    }

    @Test
    void anEngineWithoutTestsIsNotNamed() {
        Report report = new LauncherHarness(temp).run(OutcomesFixture.class);

        assertThat(report.environment().frameworks()).extracting(Framework::name)
                .containsExactly("junit-platform", "junit-jupiter");
    }

    @Test
    void reportsTheWholeRun() {
        Report report = new LauncherHarness(temp).run(ExecutionsFixture.class);

        assertThat(report.metrics().forks()).isEqualTo(1);
        assertThat(report.metrics().durationMs()).isNotNegative();
        assertThat(report.metrics().memory().peakHeapBytes()).isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory() * 2);
        assertThat(report.metrics().coverage()).as("no JaCoCo agent here").isNull();
    }

    @Test
    void oneReportPerSessionAcrossTestPlans() {
        List<Report> reports = new LauncherHarness(temp)
                .runPlans(List.of(OutcomesFixture.class), List.of(ExecutionsFixture.class));

        assertThat(reports).hasSize(1);
        assertTests(reports.get(0), 21, 16, 1, 2, 1, 1);
        assertThat(reports.get(0).metrics().classes()).isEqualTo(3);
    }

    @Test
    void theSessionsPlanIsWrittenBeforeItsTestsRun() throws Exception {
        LauncherHarness harness = new LauncherHarness(temp);
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class), selectClass(ExecutionsFixture.class))
                .configurationParameters(harness.parameters).build());
        TelemetryListener listener = new TelemetryListener(harness.log());

        listener.testPlanExecutionStarted(plan); // ... and the JVM dies here

        // 6 tests of OutcomesFixture; ExecutionsFixture's 6: plain, 2 nested (its top-level class), and one each
        // for the parameterized, repeated and factory methods, whose invocations are unknown until they run
        PartialResults.Run run = PartialResults.read(harness.runDir, harness.log());
        assertThat(run.finished()).isEmpty();
        assertThat(run.unfinished()).singleElement().satisfies(started -> {
            assertThat(started.planned()).isEqualTo(12);
            assertThat(started.plannedByClass()).hasSize(2).containsValues(6L, 6L);
        });

        listener.sessionClosed();
        assertThat(PartialResults.read(harness.runDir, harness.log()).unfinished()).as("it finished after all").isEmpty();
    }

    @Test
    void aPlanThatRunsPlannedTestsAgainPlansNothingNew() throws Exception {
        LauncherHarness harness = new LauncherHarness(temp);
        var launcher = LauncherFactory.create();
        TestPlan plan = launcher.discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class), selectClass(ExecutionsFixture.class))
                .configurationParameters(harness.parameters).build());
        // Surefire's rerunFailingTestsCount: a second plan of the same session with the failed tests (here: all
        // of both classes), then the JVM dies during it
        TestPlan rerun = launcher.discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class), selectClass(ExecutionsFixture.class))
                .configurationParameters(harness.parameters).build());
        TelemetryListener listener = new TelemetryListener(harness.log());

        listener.testPlanExecutionStarted(plan);
        listener.testPlanExecutionStarted(rerun);

        assertThat(PartialResults.read(harness.runDir, harness.log()).unfinished()).singleElement()
                .satisfies(started -> assertThat(started.planned()).as("the rerun plans nothing new").isEqualTo(12));

        // a third plan with one class seen before and a new one: only the new class's two parameterized methods
        listener.testPlanExecutionStarted(launcher.discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(OutcomesFixture.class), selectClass(ParallelFixture.class))
                .configurationParameters(harness.parameters).build()));
        assertThat(PartialResults.read(harness.runDir, harness.log()).unfinished()).singleElement()
                .satisfies(started -> {
                    assertThat(started.planned()).isEqualTo(14);
                    assertThat(started.plannedByClass().values()).containsExactlyInAnyOrder(6L, 6L, 2L);
                });
        listener.sessionClosed();
    }

    @Test
    void oneReportPerSession() {
        LauncherHarness harness = new LauncherHarness(temp);
        harness.runPlans(List.of(OutcomesFixture.class));
        List<Report> reports = harness.runPlans(List.of(ExecutionsFixture.class));

        assertThat(reports).hasSize(2);
        assertThat(reports).extracting(r -> r.metrics().tests().total()).containsExactlyInAnyOrder(6L, 15L);
    }

    @Test
    void isRegisteredThroughTheServiceLoader() {
        LauncherHarness harness = new LauncherHarness(temp);
        harness.autoRegistration = true;

        Report report = harness.run(OutcomesFixture.class);

        assertTests(report, 6, 1, 1, 2, 1, 1);
    }

    @Test
    void notEnabledMeansNoFilesAndNoOutput() throws Exception {
        LauncherHarness harness = new LauncherHarness(temp).with("telemetry.enabled", null);

        assertThat(harness.runPlans(List.of(OutcomesFixture.class))).isEmpty();

        assertThat(harness.runDirFiles()).isEmpty();
        assertThat(harness.lines).isEmpty();
        assertThat(harness.summary.getTestsFoundCount()).isEqualTo(6);
    }

    @Test
    void enabledFalseAsAJunitParameterKeepsItOff() {
        LauncherHarness harness = new LauncherHarness(temp).with("telemetry.enabled", "false");

        assertThat(harness.runPlans(List.of(OutcomesFixture.class))).isEmpty();
        assertThat(harness.lines).isEmpty();
    }

    @Test
    void aBadEnabledValueIsOneWarningAndNoReport() {
        LauncherHarness harness = new LauncherHarness(temp).with("telemetry.enabled", "yes please");

        assertThat(harness.runPlans(List.of(OutcomesFixture.class))).isEmpty();

        assertThat(harness.lines).singleElement().asString()
                .startsWith("WARN Test telemetry: ignoring telemetry.enabled='yes please'");
    }

    @Test
    void aBadValueIsOneWarningAndTheRunStillReports() {
        LauncherHarness harness = new LauncherHarness(temp).with("telemetry.timeout", "soon");

        Report report = harness.run(OutcomesFixture.class);

        assertThat(report.metrics().tests().total()).isEqualTo(6);
        assertThat(harness.lines).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .contains("telemetry.timeout='soon'");
    }

    @Test
    void anUnwritableRunDirIsOneWarningAndChangesNoResult() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");
        LauncherHarness harness = new LauncherHarness(temp).with("telemetry.runDir", notADirectory.toString());

        harness.runPlans(List.of(OutcomesFixture.class));

        assertThat(harness.lines).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                .startsWith("WARN Test telemetry: writing the planned tests failed: java.")
                .endsWith("(test results and the build are not affected)")
                .doesNotContain("\tat ");
        assertThat(harness.summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(harness.summary.getTestsFailedCount()).isEqualTo(3);
        assertThat(harness.summary.getTestsAbortedCount()).isEqualTo(1);
        assertThat(harness.summary.getTestsSkippedCount()).isEqualTo(1);
    }
}
