package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testtelemetry.core.testing.HarnessDefaults;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.junit5.TelemetrySessionListener;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.server.fixtures.JupiterOutcomesFixture;
import org.testtelemetry.server.fixtures.NgOutcomesFixture;
import org.testtelemetry.testng.TelemetryTestNGListener;
import tools.jackson.databind.JsonNode;

/**
 * The contract between the real adapters and the real server, end to end: the JUnit adapter in a real JUnit Platform
 * launcher session and the TestNG adapter in a real TestNG run (both the shipped, shaded jars) send their report to a
 * real server on a free port with {@code telemetry.endpoint} as the only platform setting, on SQLite and on
 * PostgreSQL. What the read API gives back equals, field by field, the report the adapter wrote next to it (the
 * {@code file} writer) and what the framework itself counted, and the server stored exactly that one report.
 * The Maven plugin's side of the contract is {@link MavenPluginContractIT}.
 */
class AdapterContractIT {

    private static final Pattern WRITTEN_TO = Pattern.compile("written to (\\S+\\.json)");
    /** The one line: {@code Test telemetry: 15 tests (…) — sent to …; written to …}. */
    private static final Pattern ONE_LINE = Pattern.compile("^Test telemetry: \\d+ tests? \\(.*");

    @TempDir
    Path temp;

    @BeforeAll
    static void theAdaptersAreTheShippedJars() {
        // Failsafe runs after the reactor packaged them: the shaded jars, core inside with its dependencies relocated
        for (Class<?> adapter : List.of(TelemetrySessionListener.class, TelemetryTestNGListener.class)) {
            String location = adapter.getProtectionDomain().getCodeSource().getLocation().getPath();
            assertThat(location).as(adapter.getSimpleName()).endsWith(".jar");
            try (JarFile jar = new JarFile(location)) {
                assertThat(jar.getEntry("org/testtelemetry/shaded/")).as("relocated dependencies in " + location).isNotNull();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void theJUnitAdaptersReportIsStoredOnceWithTheCountsJUnitSaw(String store) throws Exception {
        try (Api api = Api.start(store, temp.resolve("server"))) {
            RecordingLog log = new RecordingLog();
            SummaryGeneratingListener junit = new SummaryGeneratingListener();
            LauncherConfig config = LauncherConfig.builder().enableLauncherSessionListenerAutoRegistration(false)
                    .addLauncherSessionListeners(new TelemetrySessionListener(log)).build();
            try (LauncherSession session = LauncherFactory.openSession(config)) {
                session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(JupiterOutcomesFixture.class))
                        .configurationParameters(settings(api, "junit-" + store)).build(), junit);
            }
            Report written = writtenReport(log, api);

            TestExecutionSummary seen = junit.getSummary();
            Metrics.Tests t = written.metrics().tests();
            assertThat(seen.getTestsSucceededCount()).as("JUnit's passed").isEqualTo(t.passed())
                    .isEqualTo(JupiterOutcomesFixture.PASSED);
            assertThat(seen.getTestsFailedCount()).as("JUnit's failed = failed + errored")
                    .isEqualTo(t.failed() + t.errored()).isEqualTo(JupiterOutcomesFixture.FAILED + JupiterOutcomesFixture.ERRORED);
            assertThat(seen.getTestsSkippedCount()).as("JUnit's skipped (disabled)").isEqualTo(t.skipped())
                    .isEqualTo(JupiterOutcomesFixture.SKIPPED);
            assertThat(seen.getTestsAbortedCount()).as("JUnit's aborted").isEqualTo(t.aborted())
                    .isEqualTo(JupiterOutcomesFixture.ABORTED);
            assertThat(seen.getTestsFoundCount()).as("JUnit's tests found").isEqualTo(t.total())
                    .isEqualTo(JupiterOutcomesFixture.TOTAL);
            assertThat(t.failed()).isEqualTo(JupiterOutcomesFixture.FAILED);
            assertThat(t.errored()).isEqualTo(JupiterOutcomesFixture.ERRORED);

            assertStoredOnce(api, written, "junit-" + store);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgres"})
    void theTestNGAdaptersReportIsStoredOnceWithTheCountsTestNGSaw(String store) throws Exception {
        try (Api api = Api.start(store, temp.resolve("server"))) {
            RecordingLog log = new RecordingLog();
            TestListenerAdapter testng = new TestListenerAdapter();
            TestNG run = new TestNG(false);
            run.setOutputDirectory(temp.resolve("testng-output").toString());
            run.setVerbose(0);
            // the listener TestNG would load from the jar's META-INF/services, but speaking to a log the test reads
            run.setListenersToSkipFromBeingWiredInViaServiceLoaders(TelemetryTestNGListener.class.getName());
            run.addListener(new TelemetryTestNGListener(log));
            run.addListener(testng);
            run.setTestClasses(new Class<?>[] {NgOutcomesFixture.class});
            // TestNG has no configuration parameters: the adapter reads system properties, set for this run only
            Map<String, String> previous = new LinkedHashMap<>();
            settings(api, "testng-" + store).forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
            try {
                run.run();
            } finally {
                previous.forEach((key, value) -> {
                    if (value == null) {
                        System.clearProperty(key);
                    } else {
                        System.setProperty(key, value);
                    }
                });
            }
            Report written = writtenReport(log, api);

            Metrics.Tests t = written.metrics().tests();
            assertThat((long) testng.getPassedTests().size()).as("TestNG's passed").isEqualTo(t.passed())
                    .isEqualTo(NgOutcomesFixture.PASSED);
            assertThat((long) testng.getFailedTests().size()).as("TestNG's failed = failed + errored")
                    .isEqualTo(t.failed() + t.errored()).isEqualTo(NgOutcomesFixture.FAILED + NgOutcomesFixture.ERRORED);
            assertThat((long) testng.getSkippedTests().size()).as("TestNG's skipped, the retried attempt included")
                    .isEqualTo(t.skipped()).isEqualTo(NgOutcomesFixture.SKIPPED);
            assertThat(t.total()).isEqualTo(NgOutcomesFixture.TOTAL);
            assertThat(t.failed()).isEqualTo(NgOutcomesFixture.FAILED);
            assertThat(t.errored()).isEqualTo(NgOutcomesFixture.ERRORED);
            assertThat(t.flaky()).isEqualTo(NgOutcomesFixture.FLAKY);

            assertStoredOnce(api, written, "testng-" + store);
        }
    }

    /** Telemetry on, sending to this server and writing the same report as a file; nothing else from the machine. */
    private Map<String, String> settings(Api api, String project) {
        Map<String, String> settings = new LinkedHashMap<>(HarnessDefaults.settings(temp.resolve("unused")));
        settings.remove("telemetry.runDir"); // a standalone run: the adapter delivers itself
        settings.put("telemetry.endpoint", "http://127.0.0.1:" + api.server.port());
        settings.put("telemetry.writers", "http,file");
        settings.put("telemetry.project", "org.acme.contract/" + project);
        settings.put("telemetry.anonymize", "none");
        // the budget has its own tests; a cold client on a loaded machine must not turn a send into a save here
        settings.put("telemetry.timeout", "30s");
        settings.put("telemetry.outbox", temp.resolve("outbox").toString());
        return settings;
    }

    /** The report the adapter wrote with its file writer, after its one line said it was sent to this server. */
    private static Report writtenReport(RecordingLog log, Api api) throws Exception {
        List<String> lines = log.all().stream().filter(l -> ONE_LINE.matcher(l).matches()).toList();
        assertThat(lines).as("the adapter's one line; log: %s", log.lines).hasSize(1);
        String line = lines.get(0);
        assertThat(line).contains("sent to http://127.0.0.1:" + api.server.port());
        Matcher file = WRITTEN_TO.matcher(line);
        assertThat(file.find()).as(line).isTrue();
        Report written = ReportJson.read(Files.readString(Path.of(file.group(1))));
        Metrics.Tests t = written.metrics().tests();
        assertThat(line).as("the line names the counts of the file").contains(t.total() + " tests (" + t.passed()
                + " passed, " + t.failed() + " failed, " + t.errored() + " errored, " + t.skipped() + " skipped");
        return written;
    }

    /** Exactly this report is stored, once, and the read API gives back its counts field by field. */
    static void assertStoredOnce(Api api, Report written, String project) throws Exception {
        api.drain();
        assertThat(api.jobs()).as("inbox jobs pending, done, failed").containsExactly(0, 1, 0);
        try (var c = api.server.store().connection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT report_id FROM runs")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("the stored run is the report the adapter wrote")
                    .isEqualTo(written.id().toString());
            assertThat(rs.next()).as("a second run").isFalse();
        }
        JsonNode summary = api.json("/api/v1/summary?vendor=org.acme.contract&project=" + project);
        assertThat(summary.get("runs").asLong()).isEqualTo(1);
        assertSameTests(summary.get("tests"), written.metrics().tests());
        JsonNode projects = api.json("/api/v1/projects?by=runs").get("projects");
        assertThat(projects).hasSize(1);
        assertThat(projects.get(0).get("project").asString()).isEqualTo(project);
        assertThat(projects.get(0).get("runs").asLong()).isEqualTo(1);
    }

    /** Every outcome the summary API has, equal to the report's. */
    static void assertSameTests(JsonNode stored, Metrics.Tests written) {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("total", written.total());
        expected.put("passed", written.passed());
        expected.put("failed", written.failed());
        expected.put("errored", written.errored());
        expected.put("skipped", written.skipped());
        expected.put("aborted", written.aborted());
        expected.put("incomplete", written.incomplete());
        expected.put("flaky", written.flaky());
        Map<String, Long> actual = new LinkedHashMap<>();
        expected.keySet().forEach(k -> actual.put(k, stored.get(k).asLong()));
        assertThat(actual).as("stored tests").isEqualTo(expected);
    }
}
