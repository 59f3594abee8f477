package org.testtelemetry.testng;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testng.xml.XmlSuite;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.testing.HarnessDefaults;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.report.Report;
import org.testtelemetry.core.run.PartialResults;

/**
 * Runs fixture classes through a real, programmatic {@link TestNG} run with telemetry writing its partial result
 * to a temporary run directory, and hands back what came out: the report(s), TestNG's own results, and every line
 * telemetry logged. Telemetry reads its settings from system properties here, set for the run only.
 */
final class TestNGHarness {

    final Path runDir;
    final Path outputDir;
    final Map<String, String> properties = new LinkedHashMap<>();
    private final RecordingLog log = new RecordingLog();
    /** Every line telemetry logged, as {@code "INFO …"}, {@code "WARN …"} or {@code "DEBUG …"}. */
    final List<String> lines = log.lines;
    /** TestNG's own view of the run. */
    final TestListenerAdapter results = new TestListenerAdapter();
    /** Let TestNG load the listener through META-INF/services instead of adding one that logs into {@link #lines}. */
    boolean serviceLoader;
    int exitStatus;

    TestNGHarness(Path tempDir) {
        this.runDir = tempDir.resolve("run");
        this.outputDir = tempDir.resolve("testng-output");
        properties.putAll(HarnessDefaults.settings(runDir));
    }

    TestNGHarness with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** The log telemetry speaks to in this harness: every line is kept in {@link #lines}. */
    TelemetryLog log() {
        return log;
    }

    /** One TestNG run of these classes: the reports in the run directory afterwards. */
    List<Report> runClasses(Class<?>... classes) {
        return run(testng -> testng.setTestClasses(classes));
    }

    /** One TestNG run of these suites. */
    List<Report> runSuites(List<XmlSuite> suites) {
        return run(testng -> testng.setXmlSuites(suites));
    }

    /** One run, one report. */
    Report run(Class<?>... classes) {
        List<Report> reports = runClasses(classes);
        if (reports.size() != 1) {
            throw new AssertionError("expected one partial result, found " + reports.size() + "; log: " + lines);
        }
        return reports.get(0);
    }

    private List<Report> run(java.util.function.Consumer<TestNG> select) {
        TestNG testng = new TestNG(false);
        testng.setOutputDirectory(outputDir.toString());
        testng.setVerbose(0);
        if (!serviceLoader) {
            testng.setListenersToSkipFromBeingWiredInViaServiceLoaders(TelemetryTestNGListener.class.getName());
            testng.addListener(new TelemetryTestNGListener(log()));
        }
        testng.addListener(results);
        select.accept(testng);
        Map<String, String> previous = new LinkedHashMap<>();
        properties.forEach((key, value) -> previous.put(key, setProperty(key, value)));
        try {
            testng.run();
        } finally {
            previous.forEach(TestNGHarness::setProperty);
        }
        exitStatus = testng.getStatus();
        return PartialResults.readAll(runDir, log());
    }

    private static String setProperty(String key, String value) {
        return value == null ? System.clearProperty(key) : System.setProperty(key, value);
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
