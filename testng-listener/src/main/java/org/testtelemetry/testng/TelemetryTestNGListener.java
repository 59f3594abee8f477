package org.testtelemetry.testng;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.testng.IConfigurationListener;
import org.testng.IExecutionListener;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.ITestListener;
import org.testng.ITestNGMethod;
import org.testng.ITestResult;
import org.testng.internal.ConstructorOrMethod;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.recorder.Outcome;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.run.TelemetryRun;

/**
 * Test telemetry for TestNG: one report per TestNG run ({@code TestNG.run()}: every suite and every
 * {@code <test>} of it). Registered through {@code META-INF/services/org.testng.ITestNGListener}, so adding the jar
 * to the test classpath is all it takes; nothing happens until {@code telemetry.enabled=true} is set as a system
 * property, environment variable ({@code TELEMETRY_ENABLED}) or in {@code telemetry.properties}.
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.testtelemetry</groupId>
 *   <artifactId>telemetry-testng-listener</artifactId>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>Counts the way Maven Surefire's TestNG provider (Surefire up to 3.5) writes the test cases of TEST-*.xml (the
 * ground truth, see DESIGN.md):
 * <ul>
 *   <li>each test method invocation (data-provider row, {@code invocationCount} repetition, {@code @Factory}
 *       instance) is one test: passed; failed ({@link AssertionError}) or errored (any other throwable, including
 *       a {@code timeOut} or a missing {@code expectedExceptions}); skipped ({@code SkipException}, a failed
 *       dependency or configuration method); a failure within {@code successPercentage} passed;</li>
 *   <li>a failed configuration method ({@code @BeforeClass}, {@code @BeforeMethod}, ...) is one failed or errored
 *       test per invocation and counts in {@code exceptions}; a skipped configuration method is one skipped test;</li>
 *   <li>a retried attempt ({@code IRetryAnalyzer}) is one skipped test; a final attempt that passed adds one
 *       {@code flaky}.</li>
 * </ul>
 * Under the JUnit Platform's TestNG engine (Surefire 3.6 and later) the same holds, except for configuration
 * methods, which Surefire then writes per class: one failed test for a class whose configuration failed, nothing
 * for a skipped configuration.
 * The rules themselves are the core {@link Recorder}'s methods (e.g. {@link Recorder#attemptRetried}); this class
 * only translates TestNG's events into them, behind one fail-open boundary.
 * With the JUnit adapter on the same classpath under the JUnit Platform, this listener stays inactive: the JUnit
 * adapter reports the JVM, TestNG engine included, so the run is reported once.
 * A dry run ({@code -Dtestng.mode.dryrun=true}, as the JUnit Platform's TestNG engine uses to discover tests)
 * reports nothing. Nothing here ever fails a test or the run; when telemetry is off every callback returns after
 * one volatile read.
 */
public final class TelemetryTestNGListener
        implements IExecutionListener, ISuiteListener, ITestListener, IConfigurationListener {

    private static final String ADAPTER = "testng";
    private static final String CONFIG_LABEL = "TestNG";
    /** TestNG's dry-run switch (RuntimeBehavior.TESTNG_MODE_DRYRUN): every test "passes" without running. */
    private static final String DRY_RUN = "testng.mode.dryrun";
    private static final String TESTNG_ENGINE_PACKAGE = "org.junit.support.testng.engine.";
    /** The JUnit adapter's entry point (registered through META-INF/services of its jar). */
    static final String JUNIT_ADAPTER = "org.testtelemetry.junit5.TelemetrySessionListener";

    private final TelemetryLog log;
    private volatile TelemetryRun run;
    /** Non-null only while an active run counts: the one field every callback reads first. */
    private volatile Recorder recorder;
    /**
     * Whether the JUnit Platform's TestNG engine runs TestNG (Surefire 3.6+): it reports configuration methods per
     * class, not per invocation, so Surefire's XML counts them differently (see {@link #onConfigurationFailure}).
     */
    private volatile boolean underJUnitPlatform;

    /** The instance TestNG creates through {@code META-INF/services}; speaks on standard error. */
    public TelemetryTestNGListener() {
        this(TelemetryLog.stderr(false));
    }

    /** @param log where the run's one line and any warning go */
    public TelemetryTestNGListener(TelemetryLog log) {
        this.log = log;
    }

    @Override
    public void onExecutionStart() {
        failOpen(Event.RUN_STARTED, null);
    }

    private void runStarted() {
        if (run != null) {
            return; // one report per TestNG run, even if TestNG tells us twice
        }
        if (Boolean.parseBoolean(System.getProperty(DRY_RUN))) {
            // A listing, not a test run: the JUnit Platform's TestNG engine discovers tests this way.
            run = TelemetryRun.inactive(log);
            return;
        }
        boolean platform = StackWalker.getInstance()
                .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith(TESTNG_ENGINE_PACKAGE)));
        if (platform && junitAdapterPresent()) {
            // The JUnit adapter sees the TestNG engine's tests too and reports this JVM: one report, not two.
            log.debug("Test telemetry: the JUnit Platform adapter reports this run");
            run = TelemetryRun.inactive(log);
            return;
        }
        TelemetryRun started = TelemetryRun.start(ADAPTER, Map.of(), CONFIG_LABEL, log);
        run = started;
        if (started.active()) {
            underJUnitPlatform = platform;
            started.framework("testng", TestNGVersion.running());
            recorder = started.recorder();
        }
    }

    /** Whether this JVM's JUnit Platform also has the JUnit adapter, which then counts every engine's tests. */
    static boolean junitAdapterPresent() {
        try {
            Class.forName(JUNIT_ADAPTER, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * A suite is about to run: its test methods, by class, are this run's planned tests (each method counts its
     * {@code invocationCount}; data-provider rows are only known while it runs).
     */
    @Override
    public void onStart(ISuite suite) {
        failOpen(Event.SUITE_STARTED, suite);
    }

    private void suitePlanned(ISuite suite) {
        Map<String, Long> byClass = new HashMap<>();
        for (ITestNGMethod method : suite.getAllMethods()) {
            Class<?> type = method.getRealClass();
            if (type != null) {
                byClass.merge(type.getName(), (long) Math.max(1, method.getInvocationCount()), Long::sum);
            }
        }
        run.planned(byClass);
    }

    @Override
    public void onFinish(ISuite suite) {
        // the run's end (onExecutionFinish) reports, once for all suites
    }

    @Override
    public void onExecutionFinish() {
        TelemetryRun current = run;
        recorder = null;
        if (current != null) {
            current.finish();
        }
    }

    /** The events this listener handles; each says what telemetry was doing, for the one warning line. */
    private enum Event {
        RUN_STARTED("starting the TestNG run"),
        SUITE_STARTED("writing the planned tests"),
        SET_UP_STARTED("counting a set-up's assertions"),
        TEST_STARTED("counting a test's assertions"),
        PASSED("counting a passed test"),
        FAILED("counting a failed test"),
        SKIPPED("counting a skipped test"),
        CONFIGURATION_FAILED("counting a failed configuration method"),
        CONFIGURATION_SKIPPED("counting a skipped configuration method");

        final String doing;

        Event(String doing) {
            this.doing = doing;
        }
    }

    /** A {@code @BeforeMethod} starts: its assertions belong to the test that follows on this thread. */
    @Override
    public void beforeConfiguration(ITestResult result) {
        failOpen(Event.SET_UP_STARTED, result);
    }

    /** The test's own thread: its assertions count from here (or from its {@code @BeforeMethod}). */
    @Override
    public void onTestStart(ITestResult result) {
        failOpen(Event.TEST_STARTED, result);
    }

    @Override
    public void onTestSuccess(ITestResult result) {
        failOpen(Event.PASSED, result);
    }

    /** Surefire's TestNG reporter writes a failure within {@code successPercentage} as a success. */
    @Override
    public void onTestFailedButWithinSuccessPercentage(ITestResult result) {
        failOpen(Event.PASSED, result);
    }

    // onTestFailedWithTimeout is left to ITestListener's default, which calls onTestFailure, as Surefire's does.
    @Override
    public void onTestFailure(ITestResult result) {
        failOpen(Event.FAILED, result);
    }

    @Override
    public void onTestSkipped(ITestResult result) {
        failOpen(Event.SKIPPED, result);
    }

    /**
     * Surefire's TestNG provider writes each failed configuration method as one failed test; under the JUnit
     * Platform's TestNG engine, Surefire writes one failed test per class whose configuration failed, however many
     * times. Either way the throwable counts in {@code exceptions}.
     */
    @Override
    public void onConfigurationFailure(ITestResult result) {
        failOpen(Event.CONFIGURATION_FAILED, result);
    }

    /**
     * Surefire's TestNG provider writes a skipped configuration method as one skipped test; under the JUnit
     * Platform's TestNG engine it writes nothing for it (the tests it skips are counted as skipped either way).
     */
    @Override
    public void onConfigurationSkip(ITestResult result) {
        failOpen(Event.CONFIGURATION_SKIPPED, result);
    }

    /**
     * The listener's one fail-open boundary: every event passes here (results translated into the core
     * {@link Recorder}'s counting rules), and a problem inside telemetry becomes one warning line instead of
     * reaching TestNG. Until a run counts, only the run's start does anything.
     */
    private void failOpen(Event event, Object subject) {
        ITestResult result = subject instanceof ITestResult testResult ? testResult : null;
        Recorder r = recorder;
        if (r == null && event != Event.RUN_STARTED) {
            return;
        }
        try {
            switch (event) {
                case RUN_STARTED -> runStarted();
                case SUITE_STARTED -> suitePlanned((ISuite) subject);
                case SET_UP_STARTED -> {
                    ITestNGMethod method = result.getMethod();
                    if (method != null && method.isBeforeMethodConfiguration()) {
                        r.setUpRunning();
                    }
                }
                case TEST_STARTED -> r.testRunning();
                case PASSED -> finished(r, result, Outcome.PASSED, null);
                case FAILED -> finished(r, result, Outcome.ofThrowable(result.getThrowable()), result.getThrowable());
                case SKIPPED -> {
                    if (result.wasRetried()) {
                        r.attemptRetried(classKey(result), methodKey(result), RetriedInvocation.of(result));
                    } else {
                        r.testSkipped(classKey(result), methodKey(result));
                    }
                }
                // Not a test method: it counts as a test of its class, not in the distinct methods.
                case CONFIGURATION_FAILED -> {
                    if (underJUnitPlatform) {
                        r.failedContainerAsOneTestPerClass(classKey(result), result.getThrowable());
                    } else {
                        r.failedContainerAsOneTest(classKey(result), null, result.getThrowable());
                    }
                }
                case CONFIGURATION_SKIPPED -> {
                    if (!underJUnitPlatform) {
                        r.testSkipped(classKey(result), null);
                    }
                }
                default -> throw new IllegalArgumentException(event.name());
            }
        } catch (Throwable t) {
            if (event == Event.RUN_STARTED) {
                recorder = null;
            }
            TelemetryRun current = run;
            (current != null ? current.guard() : new FailOpen(log)).swallow(event.doing, t);
        }
    }

    private static void finished(Recorder r, ITestResult result, Outcome outcome, Throwable cause) {
        r.testStarted();
        // Only a pending retry needs the invocation's key: the usual path builds none.
        Object invocation = r.retriesPending() ? RetriedInvocation.of(result) : null;
        r.testFinishedAfterRetries(classKey(result), methodKey(result), outcome, cause, invocation);
    }

    private static Object classKey(ITestResult result) {
        ITestNGMethod method = result.getMethod();
        return method == null ? null : method.getRealClass();
    }

    /** The Java method, equal across {@code @Factory} instances and invocations, so each counts once. */
    private static Object methodKey(ITestResult result) {
        ITestNGMethod method = result.getMethod();
        ConstructorOrMethod target = method == null ? null : method.getConstructorOrMethod();
        return target == null ? null : target.getMethod();
    }

    /** One invocation of a test method on one instance with one set of parameters, across its retries. */
    private record RetriedInvocation(Object method, Object instance, List<Object> parameters) {

        static RetriedInvocation of(ITestResult result) {
            Object[] parameters = result.getParameters();
            return new RetriedInvocation(methodKey(result), new Identity(result.getInstance()),
                    parameters == null ? List.of() : Arrays.asList(parameters));
        }
    }

    /** Compares test instances by identity: a user's {@code equals} must not merge two {@code @Factory} instances. */
    private record Identity(Object value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }
}
