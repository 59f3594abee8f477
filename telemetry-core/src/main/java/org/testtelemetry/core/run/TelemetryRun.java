package org.testtelemetry.core.run;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.OwnCost;
import org.testtelemetry.core.PeakHeap;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.TelemetryVersion;
import org.testtelemetry.core.assertions.AssertionCounter;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.EnabledCheck;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.ConfigWarning;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.coverage.CoverageReader;
import org.testtelemetry.core.delivery.DeliveryContext;
import org.testtelemetry.core.delivery.ReportDelivery;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Environment.Framework;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;

/**
 * The life of one in-JVM test run, shared by every framework adapter: read the configuration, count through a
 * {@link Recorder}, then build the report and hand it on — to {@link ReportDelivery}, or as a partial result in
 * {@code telemetry.runDir} when the Maven plugin merges the forks. When telemetry is not enabled, {@link #start}
 * returns an inactive run and nothing else happens: no output, no files, no threads.
 *
 * <p>Two ways to be active, because a test JVM's fixed cost is paid once per fork:
 * <ul>
 *   <li><b>thin</b> ({@code telemetry.runDir} set: the Maven plugin merges the forks): the run only counts and, at
 *       its end, writes its partial result with {@link PartialResults}' streaming writer. No identity, no environment
 *       detection, no coverage analysis, no JSON mapper, no HTTP client: the plugin does all that once per module in
 *       the already-warm Maven JVM;</li>
 *   <li><b>standalone</b> (console launcher, Gradle, IDE): identity, environment, the JSON mapper and, when the
 *       {@code http} writer is on, the HTTP client are prepared on a low-priority daemon thread while the tests
 *       run, so neither the first test nor the end of the run waits for that one-off work.</li>
 * </ul>
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

    /** Null when inactive, and for a thin run the system properties decided ({@link EnabledCheck#thinRunDir()}). */
    private final Configuration config;
    /** Thin runs only: where the partial result and started file go ({@code telemetry.runDir}); else null. */
    private final Path runDir;
    private final String adapter;
    /** Standalone runs only: identity and environment, resolved off the tests' critical path. */
    private final FutureTask<RunContext> context;
    private final Path projectDir;
    private final TelemetryLog log;
    private final FailOpen guard;
    private final Recorder recorder;
    /** A thin run's distinct classes and methods, fingerprinted as the recorder first counts them; else null. */
    private final PartialResults.SeenNames seen;
    private final long startNanos;
    private final Map<String, String> frameworks = new LinkedHashMap<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    /**
     * Names this session's files in {@code telemetry.runDir} (see {@link PartialResults}); null when inactive, so a
     * run with telemetry off never loads that class.
     */
    private final String session;
    private final Map<String, Long> planned = new LinkedHashMap<>();

    private TelemetryRun(Configuration config, Path runDir, String adapter, FutureTask<RunContext> context,
                         Path projectDir, TelemetryLog log) {
        boolean active = config != null || runDir != null;
        this.config = config;
        this.runDir = runDir;
        this.adapter = adapter;
        this.context = context;
        this.projectDir = projectDir;
        this.log = log;
        this.guard = new FailOpen(log);
        this.seen = runDir == null ? null : new PartialResults.SeenNames(runDir);
        this.recorder = active ? new Recorder(AssertionCounter.attached(), seen) : null;
        this.session = active ? PartialResults.newSession() : null;
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
        return start(adapter, buildConfig, buildLabel, EnabledCheck.projectDir(), log);
    }

    /** As {@link #start(String, Map, String, TelemetryLog)}, with an explicit project directory. */
    public static TelemetryRun start(String adapter, Map<String, String> buildConfig, String buildLabel,
                                     Path projectDir, TelemetryLog log) {
        try {
            Path thinRunDir = EnabledCheck.thinRunDir();
            if (thinRunDir != null) {
                // the Maven plugin's test JVM: nothing else to read, the plugin does the rest (buildConfig included)
                return new TelemetryRun(null, thinRunDir, adapter, null, projectDir, log);
            }
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (!EnabledCheck.mayBeEnabled(buildConfig == null ? null : buildConfig.get(EnabledCheck.KEY), projectDir,
                    loader)) {
                return inactive(log); // no source names telemetry.enabled: off, and nothing else is read
            }
            ConfigInputs inputs = ConfigInputs.fromProcess(projectDir, buildConfig, buildLabel, loader);
            Configuration config = Configuration.load(inputs);
            if (!config.enabled()) {
                // Silent when off, except for a bad telemetry.enabled value: the user meant to turn it on. A loop,
                // not a stream: every JVM with telemetry off passes here (issue 15).
                for (ConfigWarning warning : config.warnings()) {
                    if (warning.key() == ConfigKey.ENABLED) {
                        log.warn(warning.line());
                    }
                }
                return inactive(log);
            }
            for (ConfigWarning warning : config.warnings()) {
                log.warn(warning.line());
            }
            if (config.runDir() != null) {
                // thin: the plugin does the rest
                return new TelemetryRun(config, config.runDir(), adapter, null, projectDir, log);
            }
            FutureTask<RunContext> context = new FutureTask<>(
                    () -> RunContext.resolve(config, inputs, projectDir, null, adapter, null, log));
            TelemetryRun run = new TelemetryRun(config, null, adapter, context, projectDir, log);
            run.warmUp();
            return run;
        } catch (Throwable t) {
            new FailOpen(log).swallow("reading the configuration", t);
            return inactive(log);
        }
    }

    /**
     * Standalone: resolves identity and environment, then loads the JSON mapper and (only when the {@code http}
     * writer is on) the HTTP client, on a low-priority daemon thread while the tests run, so neither the start nor
     * the end of the session waits for that one-off work (about a second on a busy machine).
     */
    private void warmUp() {
        Thread thread = new Thread(() -> {
            context.run(); // its failure is reported by finish(), which needs the context
            // only a warm-up: the real report is built, and its problems reported, at the end of the run
            try {
                ReportJson.writeBytes(context.get().reportBuilder().build());
            } catch (Throwable t) {
                FailOpen.rethrowIfFatal(t);
            }
            if (ReportDelivery.sends(config)) {
                ReportDelivery.warmUpNow();
            }
        }, "test-telemetry-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /** A run that records and reports nothing. */
    public static TelemetryRun inactive(TelemetryLog log) {
        return new TelemetryRun(null, null, null, null, null, log);
    }

    /** Whether this run only counts and leaves its partial result for the Maven plugin ({@code telemetry.runDir}). */
    public boolean thin() {
        return runDir != null;
    }

    /** Whether this run counts and reports; when false, adapters skip every callback. */
    public boolean active() {
        return recorder != null;
    }

    /** The counters to feed; null when the run is not {@link #active()}. */
    public Recorder recorder() {
        return recorder;
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
     * Maven plugin counts exactly what a JVM that dies never finished. Either way the recorder is sized for them
     * ({@link Recorder#expectTests}).
     */
    public void planned(Map<String, Long> testsByClass) {
        if (!active() || finished.get() || testsByClass == null) {
            return;
        }
        long tests = 0;
        for (Long n : testsByClass.values()) {
            tests += n;
        }
        recorder.expectTests(tests);
        if (runDir == null) {
            return;
        }
        try {
            synchronized (planned) {
                for (Map.Entry<String, Long> e : testsByClass.entrySet()) {
                    PartialResults.add(planned, e.getKey(), e.getValue());
                }
                PartialResults.writeStarted(runDir, session, planned);
            }
        } catch (Throwable t) {
            guard.swallow("writing the planned tests", t);
        }
    }

    /**
     * Ends the run: builds the report and writes it as a partial result ({@code telemetry.runDir} set) or
     * delivers it. Only the first call does anything. A standalone delivery's {@code telemetry.timeout}
     * counts from this call: building the report, serializing it and loading the HTTP client are inside the budget.
     *
     * @return the report, or null when the run is inactive, already finished, or failed to build one
     */
    public Report finish() {
        if (!active() || !finished.compareAndSet(false, true)) {
            return null;
        }
        long cpu = OwnCost.begin();
        try {
            return finishNow();
        } finally {
            OwnCost.end(OwnCost.END, cpu);
        }
    }

    private Report finishNow() {
        long began = System.nanoTime(); // telemetry.timeout counts from here: the JVM is waiting for this call
        try {
            if (thin()) {
                Report report = thinReport();
                // with the names' fingerprints: the plugin counts a class run by two JVMs once
                Path file = PartialResults.write(runDir, session, report, seen);
                log.debug("Test telemetry: partial result written to " + file);
                return report;
            }
            context.run(); // a no-op when the warm-up thread got to it first; else resolves it here
            Report report = buildReport(resolvedContext());
            ReportDelivery.deliver(report, config, log, DeliveryContext.defaults().withEndOfRunStart(began));
            markDelivered();
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

    private RunContext resolvedContext() throws Exception {
        try {
            return context.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * A thin fork's partial: the counts, duration, peak heap and frameworks; no project identity (the plugin names
     * the module) and no environment beyond what the merge reads (frameworks) and this client's name.
     */
    private Report thinReport() {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        Metrics metrics = recorder.snapshot(null, durationMs, PeakHeap.bytes(), 1);
        Environment environment = new Environment(null, frameworks(),
                new Environment.TelemetryClient(TelemetryVersion.get(), adapter), null, null, null, null);
        return ReportBuilder.create(environment, PartialResults.NO_PROJECT).metrics(metrics).id(PartialResults.localId())
                .build();
    }

    private List<Framework> frameworks() {
        List<Framework> ran = new ArrayList<>();
        synchronized (frameworks) {
            for (Map.Entry<String, String> e : frameworks.entrySet()) {
                ran.add(new Framework(e.getKey(), e.getValue()));
            }
        }
        return ran;
    }

    private Report buildReport(RunContext context) {
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        Metrics.Coverage coverage = null;
        try {
            coverage = CoverageReader.fromRunningAgent(coverageClasses(), log);
        } catch (Throwable t) {
            guard.swallow("reading coverage", t); // the report goes out without coverage
        }
        Metrics metrics = recorder.snapshot(coverage, durationMs, PeakHeap.bytes(), 1);
        return ReportBuilder.create(context.environment().withFrameworks(frameworks()), context.project())
                .metrics(metrics)
                .build();
    }

    private List<Path> coverageClasses() {
        if (!config.coverageClasses().isEmpty()) {
            return config.coverageClasses();
        }
        return List.of((projectDir != null ? projectDir : Path.of("")).resolve("target").resolve("classes"));
    }
}
