package org.testtelemetry.core.run;

import org.testtelemetry.core.testing.RecordingLog;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.recorder.Outcome;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;

class TelemetryRunTest {

    @TempDir
    Path temp;

    private final RecordingLog log = new RecordingLog();

    private Map<String, String> settings(boolean enabled) {
        Map<String, String> settings = new HashMap<>();
        if (enabled) {
            settings.put("telemetry.enabled", "true");
        }
        settings.put("telemetry.runDir", temp.resolve("run").toString());
        settings.put("telemetry.salt", "run-test");
        settings.put("telemetry.project", "acme/demo");
        return settings;
    }

    private TelemetryRun start(Map<String, String> settings) {
        return TelemetryRun.start("junit5", settings, "test settings", temp, log);
    }

    private long files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }

    @Test
    void notEnabledDoesNothingAtAll() throws IOException {
        TelemetryRun run = start(settings(false));

        assertThat(run.active()).isFalse();
        assertThat(run.recorder()).isNull();
        run.framework("junit-jupiter", "6.1.3");
        assertThat(run.finish()).isNull();
        assertThat(files(temp.resolve("run"))).isZero();
        assertThat(log.lines).isEmpty();
    }

    @Test
    void aBadEnabledValueIsTheOneLineEvenWhenOff() {
        Map<String, String> settings = settings(false);
        settings.put("telemetry.enabled", "maybe");
        settings.put("telemetry.timeout", "later");

        assertThat(start(settings).active()).isFalse();
        assertThat(log.lines).singleElement().asString().contains("telemetry.enabled='maybe'");
    }

    @Test
    void writesThePartialResultWithTheCountsOfTheRun() {
        TelemetryRun run = start(settings(true));
        run.framework("junit-jupiter", "6.1.3");
        run.framework("junit-jupiter", "other");
        run.framework("junit-vintage", " ");
        run.recorder().testStarted();
        run.recorder().testFinished("A", "A#a", Outcome.PASSED, null);
        run.recorder().testStarted();
        run.recorder().testFinished("A", "A#b", Outcome.ERRORED, new IllegalStateException());
        run.recorder().testStarted(); // never finishes

        Report report = run.finish();

        assertThat(report.metrics().tests()).isEqualTo(new Metrics.Tests(3, 1, 0, 1, 0, 0, 1, 0));
        assertThat(report.metrics().forks()).isEqualTo(1);
        assertThat(report.metrics().memory().peakHeapBytes()).isPositive();
        assertThat(report.environment().frameworks()).containsExactly(
                new Framework("junit-jupiter", "6.1.3"), new Framework("junit-vintage", "unknown"));
        assertThat(report.environment().telemetry().adapter()).isEqualTo("junit5");
        assertThat(PartialResults.readAll(temp.resolve("run"), log)).containsExactly(report);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void thePlanIsWrittenAtOnceAndTheRunsEndFinishesItsSession() {
        TelemetryRun run = start(settings(true));
        run.planned(Map.of("A", 2L));
        run.planned(Map.of("A", 1L, "B", 3L)); // a second test plan of the same session

        PartialResults.Run whileRunning = PartialResults.read(temp.resolve("run"), log);
        assertThat(whileRunning.finished()).isEmpty();
        assertThat(whileRunning.unfinished()).singleElement().extracting(PartialResults.Started::planned).isEqualTo(6L);

        Report report = run.finish();
        PartialResults.Run ended = PartialResults.read(temp.resolve("run"), log);
        assertThat(ended.finished()).containsExactly(report);
        assertThat(ended.unfinished()).as("the session finished").isEmpty();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void withoutRunDirThePlanWritesNothing() throws IOException {
        Map<String, String> settings = settings(true);
        settings.remove("telemetry.runDir");
        start(settings).planned(Map.of("A", 2L));

        assertThat(files(temp.resolve("run"))).isZero();
    }

    @Test
    void aThinForkResolvesNoIdentityAndNoEnvironment() throws IOException {
        TelemetryRun run = start(settings(true));
        run.recorder().testStarted();
        run.recorder().testFinished("A", "A#a", Outcome.PASSED, null);

        Report report = run.finish();

        assertThat(run.thin()).isTrue();
        assertThat(report.project()).as("the plugin names the module").isEqualTo(PartialResults.NO_PROJECT);
        assertThat(report.environment().java()).isNull();
        assertThat(report.environment().os()).isNull();
        assertThat(report.environment().buildTool()).isNull();
        assertThat(report.metrics().coverage()).as("the plugin reads the exec files").isNull();
        assertThat(report.metrics().durationMs()).isNotNegative();
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no hashing key created in the project: no identity in a thin fork").containsOnly("run");
        }
    }

    @Test
    void aStandaloneRunResolvesItsIdentityOffTheCriticalPathAndStillReportsIt() {
        Map<String, String> settings = settings(true);
        settings.remove("telemetry.runDir");
        settings.put("telemetry.writers", "stdout");
        TelemetryRun run = start(settings);

        Report report = run.finish();

        assertThat(run.thin()).isFalse();
        assertThat(report.project()).isNotEqualTo(PartialResults.NO_PROJECT);
        assertThat(report.project().name()).isNotNull();
        assertThat(report.environment().java()).isNotNull();
        assertThat(report.environment().telemetry().adapter()).isEqualTo("junit5");
    }

    @Test
    void finishesOnlyOnce() throws IOException {
        TelemetryRun run = start(settings(true));

        assertThat(run.finish()).isNotNull();
        assertThat(run.finish()).isNull();
        assertThat(files(temp.resolve("run"))).isEqualTo(1);
    }

    @Test
    void withoutRunDirTheReportGoesToDelivery() throws IOException {
        Map<String, String> settings = settings(true);
        settings.remove("telemetry.runDir");
        settings.put("telemetry.writers", "stdout");

        Report report = start(settings).finish();

        assertThat(report).isNotNull();
        assertThat(files(temp.resolve("run"))).isZero();
        assertThat(log.lines).as("ReportDelivery's one line").anyMatch(l -> l.startsWith("INFO Test telemetry:"));
    }

    @Test
    void anUnwritableRunDirIsOneWarning() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        Map<String, String> settings = settings(true);
        settings.put("telemetry.runDir", file.toString());
        TelemetryRun run = start(settings);
        run.recorder().testStarted();
        run.recorder().testFinished("A", "A#a", Outcome.PASSED, null);

        assertThat(run.finish()).isNull();
        assertThat(log.warnings()).singleElement().asString()
                .startsWith("Test telemetry: finishing the report failed: java.")
                .endsWith("(test results and the build are not affected)");
    }
}
