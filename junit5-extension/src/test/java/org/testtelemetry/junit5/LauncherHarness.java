package org.testtelemetry.junit5;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.testing.HarnessDefaults;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.report.Report;
import org.testtelemetry.core.run.PartialResults;

/**
 * Runs fixture classes through a real JUnit Platform launcher session with telemetry writing its partial result
 * to a temporary run directory, and hands back what came out: the report(s), JUnit's own summary, and every
 * line telemetry logged.
 */
final class LauncherHarness {

    final Path runDir;
    final Map<String, String> parameters = new HashMap<>();
    private final RecordingLog log = new RecordingLog();
    /** Every line telemetry logged, as {@code "INFO …"}, {@code "WARN …"} or {@code "DEBUG …"}. */
    final List<String> lines = log.lines;
    boolean autoRegistration;
    TestExecutionSummary summary;

    LauncherHarness(Path tempDir) {
        this.runDir = tempDir.resolve("run");
        parameters.putAll(HarnessDefaults.settings(runDir));
    }

    /** The log telemetry speaks to in this harness: every line is kept in {@link #lines}. */
    TelemetryLog log() {
        return log;
    }

    LauncherHarness with(String key, String value) {
        if (value == null) {
            parameters.remove(key);
        } else {
            parameters.put(key, value);
        }
        return this;
    }

    /** One session that executes each group of classes as its own test plan. */
    @SafeVarargs
    final List<Report> runPlans(List<Class<?>>... plans) {
        LauncherConfig.Builder config = LauncherConfig.builder();
        if (!autoRegistration) {
            config.enableLauncherSessionListenerAutoRegistration(false)
                    .addLauncherSessionListeners(new TelemetrySessionListener(log()));
        }
        SummaryGeneratingListener summaries = new SummaryGeneratingListener();
        try (LauncherSession session = LauncherFactory.openSession(config.build())) {
            Launcher launcher = session.getLauncher();
            for (List<Class<?>> classes : plans) {
                LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                        .configurationParameters(parameters);
                classes.forEach(c -> request.selectors(selectClass(c)));
                LauncherDiscoveryRequest built = request.build();
                launcher.execute(built, summaries);
            }
        }
        summary = summaries.getSummary();
        return PartialResults.readAll(runDir, log());
    }

    /** One session, one plan: the single report it produced. */
    Report run(Class<?>... classes) {
        List<Report> reports = runPlans(List.of(classes));
        if (reports.size() != 1) {
            throw new AssertionError("expected one partial result, found " + reports.size() + "; log: " + lines);
        }
        return reports.get(0);
    }

    List<Path> runDirFiles() throws IOException {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (var files = Files.list(runDir)) {
            return files.toList();
        }
    }
}
