package org.testtelemetry.core.run;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.PeakHeap;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.coverage.CoverageReader;
import org.testtelemetry.core.delivery.ReportDelivery;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;

/**
 * The life of one in-JVM test run, shared by every framework adapter: read the configuration, count through a
 * {@link Recorder}, then build the report and hand it on — to {@link ReportDelivery}, or as a partial result in
 * {@code telemetry.runDir} when the Maven plugin merges the forks. When telemetry is not enabled, {@link #start}
 * returns an inactive run and nothing else happens: no output, no files, no threads. (An active run warms its
 * JSON mapper up on a short-lived daemon thread.)
 *
 * <p>Fail-open: neither method throws (except a {@link VirtualMachineError}); a problem becomes one warning
 * line through {@link #guard()}.
 *
 * <pre>{@code
 * TelemetryRun run = TelemetryRun.start("junit5", junitConfigurationParameters, "JUnit configuration", log);
 * if (run.active()) {
 *     run.framework("junit-jupiter", "6.1.3");
 *     run.recorder().testStarted();
 *     run.recorder().testFinished(className, methodKey, Outcome.PASSED, null);
 *     run.finish();
 * }
 * }</pre>
 */
@API(status = MAINTAINED)
public final class TelemetryRun {

    private final Configuration config;
    private final RunContext context;
    private final Path projectDir;
    private final TelemetryLog log;
    private final FailOpen guard;
    private final Recorder recorder;
    private final long startNanos;
    private final Map<String, String> frameworks = new LinkedHashMap<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Names this session's files in {@code telemetry.runDir} (see {@link PartialResults}). */
    private final String session = PartialResults.newSession();
    private final Map<String, Long> planned = new LinkedHashMap<>();

    private TelemetryRun(Configuration config, RunContext context, Path projectDir, TelemetryLog log) {
        this.config = config;
        this.context = context;
        this.projectDir = projectDir;
        this.log = log;
        this.guard = new FailOpen(log);
        this.recorder = context == null ? null : new Recorder();
        this.startNanos = System.nanoTime();
    }

    /**
     * Starts a run in the current process's project directory ({@code basedir}, else {@code user.dir}).
     *
     * @param adapter     junit5, testng, ... (the report's {@code telemetry.adapter})
     * @param buildConfig the framework's own configuration (e.g. JUnit configuration parameters), may be empty
     * @param buildLabel  how to name that source in warnings, e.g. "JUnit configuration parameters"
     */
    public static TelemetryRun start(String adapter, Map<String, String> buildConfig, String buildLabel,
                                     TelemetryLog log) {
        return start(adapter, buildConfig, buildLabel, defaultProjectDir(), log);
    }

    /** As {@link #start(String, Map, String, TelemetryLog)}, with an explicit project directory. */
    public static TelemetryRun start(String adapter, Map<String, String> buildConfig, String buildLabel,
                                     Path projectDir, TelemetryLog log) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            ConfigInputs inputs = ConfigInputs.fromProcess(projectDir, buildConfig, buildLabel, loader);
            Configuration config = Configuration.load(inputs);
            if (!config.enabled()) {
                // Silent when off, except for a bad telemetry.enabled value: the user meant to turn it on.
                config.warnings().stream().filter(w -> w.key() == ConfigKey.ENABLED).forEach(w -> log.warn(w.line()));
                return inactive(log);
            }
            config.warnings().forEach(w -> log.warn(w.line()));
            RunContext context = RunContext.resolve(config, inputs, projectDir, null, adapter, null, log);
            TelemetryRun run = new TelemetryRun(config, context, projectDir, log);
            run.warmUp();
            return run;
        } catch (Throwable t) {
            new FailOpen(log).swallow("reading the configuration", t);
            return inactive(log);
        }
    }

    /**
     * Loads and initializes the JSON mapper and privacy guard on a low-priority daemon thread while the tests
     * run, so the end of the session does not wait for that one-off work (about a second on a busy machine).
     */
    private void warmUp() {
        // only a warm-up: the real report is built, and its problems reported, at the end of the run
        Thread thread = new Thread(() -> FailOpen.quietly(() -> ReportJson.writeBytes(context.reportBuilder().build())),
                "test-telemetry-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** A run that records and reports nothing. */
    public static TelemetryRun inactive(TelemetryLog log) {
        return new TelemetryRun(null, null, null, log);
    }

    /** Whether this run counts and reports; when false, adapters skip every callback. */
    public boolean active() {
        return recorder != null;
    }

    /** The counters to feed; null when the run is not {@link #active()}. */
    public Recorder recorder() {
        return recorder;
    }

    /** The configuration in force; null when the run is not {@link #active()}. */
    public Configuration config() {
        return config;
    }

    /** Where adapters send a problem of their own (a failed callback): one warning line per run. */
    public FailOpen guard() {
        return guard;
    }

    /** Names a framework or engine that ran tests in this run; the first version named for it is kept. */
    public void framework(String name, String version) {
        if (!active() || name == null) {
            return;
        }
        synchronized (frameworks) {
            frameworks.putIfAbsent(name, version == null || version.isBlank() ? "unknown" : version);
        }
    }

    /**
     * The tests this run is about to execute, by class name, added to what earlier test plans of the run named.
     * With {@code telemetry.runDir} set they are written at once as the session's started file, so that the
     * Maven plugin counts exactly what a JVM that dies never finished; otherwise nothing happens.
     */
    public void planned(Map<String, Long> testsByClass) {
        if (!active() || finished.get() || config.runDir() == null || testsByClass == null) {
            return;
        }
        try {
            synchronized (planned) {
                testsByClass.forEach((name, tests) -> planned.merge(name, tests, Long::sum));
                PartialResults.writeStarted(config.runDir(), session, planned);
            }
        } catch (Throwable t) {
            guard.swallow("writing the planned tests", t);
        }
    }

    /**
     * Ends the run: builds the report and writes it as a partial result ({@code telemetry.runDir} set) or
     * delivers it. Only the first call does anything.
     *
     * @return the report, or null when the run is inactive, already finished, or failed to build one
     */
    public Report finish() {
        if (!active() || !finished.compareAndSet(false, true)) {
            return null;
        }
        try {
            Report report = buildReport();
            Path runDir = config.runDir();
            if (runDir != null) {
                Path file = PartialResults.write(runDir, session, report);
                log.debug("Test telemetry: partial result written to " + file);
            } else {
                ReportDelivery.deliver(report, config, log);
                markDelivered();
            }
            return report;
        } catch (Throwable t) {
            guard.swallow("finishing the report", t);
            return null;
        }
    }

    /**
     * In a Maven Surefire/Failsafe test JVM that delivered its own report (no run directory: the plugin is not
     * merging forks), leaves {@link PartialResults#DELIVERED_PREFIX} in the module's {@code target/telemetry-run},
     * so that {@code telemetry:report} does not send the same tests a second time.
     */
    private void markDelivered() {
        if (projectDir == null || System.getProperty("surefire.test.class.path") == null) {
            return;
        }
        try {
            PartialResults.markDelivered(projectDir.resolve("target").resolve("telemetry-run"), session);
        } catch (Throwable t) {
            guard.swallow("marking the report delivered", t);
        }
    }

    private Report buildReport() {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        Metrics.Coverage coverage = null;
        try {
            coverage = CoverageReader.fromRunningAgent(coverageClasses(), log);
        } catch (Throwable t) {
            guard.swallow("reading coverage", t); // the report goes out without coverage
        }
        Metrics metrics = recorder.snapshot(coverage, durationMs, PeakHeap.bytes(), 1);
        List<Framework> ran = new ArrayList<>();
        synchronized (frameworks) {
            frameworks.forEach((name, version) -> ran.add(new Framework(name, version)));
        }
        return ReportBuilder.create(context.environment().withFrameworks(ran), context.project())
                .metrics(metrics)
                .build();
    }

    private List<Path> coverageClasses() {
        if (!config.coverageClasses().isEmpty()) {
            return config.coverageClasses();
        }
        return List.of((projectDir != null ? projectDir : Path.of("")).resolve("target").resolve("classes"));
    }

    private static Path defaultProjectDir() {
        String dir = System.getProperty("basedir");
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty("user.dir");
        }
        try {
            return dir == null ? null : Path.of(dir);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
