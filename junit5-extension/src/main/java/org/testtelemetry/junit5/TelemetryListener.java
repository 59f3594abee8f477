package org.testtelemetry.junit5;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.recorder.Outcome;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.core.run.FailOpen;
import org.testtelemetry.core.run.TelemetryRun;

/**
 * Translates one launcher session's engine events into core {@link Recorder} calls, the way Maven Surefire's
 * JUnit Platform provider writes them into TEST-*.xml (the ground truth, see DESIGN.md):
 * <ul>
 *   <li>a test ends passed, failed ({@link AssertionError}), errored (any other throwable) or aborted
 *       (assumption); each invocation of a parameterized, repeated, dynamic or template test is one test;</li>
 *   <li>a failed container ({@code @BeforeAll}/{@code @AfterAll}, a class-level error, a failing
 *       {@code @TestFactory} or argument source) is one failed or errored test of its own, and the children
 *       that never started are not counted;</li>
 *   <li>a skipped test is one skipped test; a skipped (disabled) class is one skipped test per child.</li>
 * </ul>
 * Until the first test plan starts, it cannot read JUnit's configuration parameters, so it stays dormant; when
 * telemetry is off it stays so, and every callback returns after one volatile read.
 */
final class TelemetryListener implements TestExecutionListener {

    private static final String ADAPTER = "junit5";
    private static final String CONFIG_LABEL = "JUnit Platform configuration parameters";

    private final TelemetryLog log;
    private volatile TelemetryRun run;
    /** Non-null only while an active run counts: the one field every callback reads first. */
    private volatile Recorder recorder;
    private volatile TestPlan plan;
    private final MethodKeys methodKeys = new MethodKeys();

    TelemetryListener(TelemetryLog log) {
        this.log = log;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        try {
            if (run == null) {
                run = TelemetryRun.start(ADAPTER, telemetrySettings(testPlan.getConfigurationParameters()),
                        CONFIG_LABEL, log);
                recorder = run.recorder();
            }
            if (recorder != null) {
                plan = testPlan;
                nameFrameworks(testPlan);
            }
        } catch (Throwable t) {
            recorder = null;
            swallow(log, "starting the test plan", t);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        Recorder r = recorder;
        if (r == null) {
            return;
        }
        try {
            if (id.isTest()) {
                r.testStarted();
                r.testRunning(); // on the test's thread, before its @BeforeEach methods
            }
        } catch (Throwable t) {
            run.guard().swallow("counting a test", t);
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        Recorder r = recorder;
        if (r == null) {
            return;
        }
        try {
            TestSource source = id.getSource().orElse(null);
            if (id.isContainer() && source instanceof ClassSource) {
                // Surefire writes a disabled class as one skipped test per child (method, template, nested class).
                for (TestIdentifier child : plan.getChildren(id)) {
                    r.testSkipped(classKey(child), methodKey(child));
                }
            } else {
                r.testSkipped(classKey(id), methodKey(id));
            }
        } catch (Throwable t) {
            run.guard().swallow("counting a skipped test", t);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Recorder r = recorder;
        if (r == null) {
            return;
        }
        try {
            TestExecutionResult.Status status = result.getStatus();
            if (id.isTest()) {
                Throwable cause = status == TestExecutionResult.Status.SUCCESSFUL ? null
                        : result.getThrowable().orElse(null);
                Outcome outcome = outcome(status, cause);
                // Straight-line path for the usual test with a method source, so the JIT allocates nothing.
                if (id.getSource().orElse(null) instanceof MethodSource method) {
                    String newMethod = methodKeys.ifNew(method); // a known method's class is known too
                    r.testFinished(newMethod == null ? null : method.getClassName(), newMethod, outcome, cause);
                } else {
                    r.testFinished(classKey(id), methodKey(id), outcome, cause);
                }
            } else if (status == TestExecutionResult.Status.FAILED) {
                // Surefire writes a failed container as one test ("initializationError"/"executionError").
                Throwable cause = result.getThrowable().orElse(null);
                r.testStarted();
                r.testFinished(classKey(id), methodKey(id), Outcome.ofThrowable(cause), cause);
            } else if (status == TestExecutionResult.Status.ABORTED) {
                classAborted(r, id);
            }
        } catch (Throwable t) {
            run.guard().swallow("counting a finished test", t);
        }
    }

    /**
     * Surefire writes a class aborted before any of its tests ran (an assumption in {@code @BeforeAll}) as one
     * skipped test per test it declares, or one for the class when it declares none; other aborted containers
     * write nothing. We count those tests as aborted (Surefire's "skipped" includes aborted).
     */
    private void classAborted(Recorder r, TestIdentifier id) {
        if (!(id.getSource().orElse(null) instanceof ClassSource classSource)
                || r.hasClass(classSource.getClassName())) {
            return;
        }
        int tests = 0;
        for (TestIdentifier descendant : plan.getDescendants(id)) {
            if (descendant.isTest()) {
                r.testStarted();
                r.testFinished(classKey(descendant), methodKey(descendant), Outcome.ABORTED, null);
                tests++;
            }
        }
        if (tests == 0) {
            r.testStarted();
            r.testFinished(classSource.getClassName(), null, Outcome.ABORTED, null);
        }
    }

    /** The session ended: report once. */
    void sessionClosed() {
        TelemetryRun current = run;
        recorder = null;
        plan = null;
        if (current != null) {
            current.finish();
        }
    }

    private static Outcome outcome(TestExecutionResult.Status status, Throwable cause) {
        return switch (status) {
            case SUCCESSFUL -> Outcome.PASSED;
            case ABORTED -> Outcome.ABORTED;
            case FAILED -> Outcome.ofThrowable(cause);
        };
    }

    /** The class a test belongs to: its own source, else the nearest ancestor's (dynamic tests have none). */
    private Object classKey(TestIdentifier id) {
        for (TestIdentifier at = id; at != null; at = parent(at)) {
            TestSource source = at.getSource().orElse(null);
            if (source instanceof MethodSource method) {
                return method.getClassName();
            }
            if (source instanceof ClassSource type) {
                return type.getClassName();
            }
        }
        return null;
    }

    /**
     * The test method: its {@link MethodSource}'s, else the nearest ancestor's (a dynamic test's factory); none
     * below a class. Every invocation of one method gets the same key.
     */
    private Object methodKey(TestIdentifier id) {
        for (TestIdentifier at = id; at != null; at = parent(at)) {
            TestSource source = at.getSource().orElse(null);
            if (source instanceof MethodSource method) {
                return methodKeys.of(method);
            }
            if (source instanceof ClassSource) {
                return null;
            }
        }
        return null;
    }

    private TestIdentifier parent(TestIdentifier id) {
        TestPlan p = plan;
        return p == null ? null : p.getParent(id).orElse(null);
    }

    /** The telemetry keys among JUnit's configuration parameters (incl. junit-platform.properties). */
    static Map<String, String> telemetrySettings(ConfigurationParameters parameters) {
        Map<String, String> settings = new HashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            parameters.get(key.key()).ifPresent(value -> settings.put(key.key(), value));
        }
        return settings;
    }

    /** Names the platform and every engine with tests in this plan, with their versions. */
    private void nameFrameworks(TestPlan testPlan) {
        run.framework("junit-platform", Launcher.class.getPackage().getImplementationVersion());
        Map<String, String> versions = null;
        for (TestIdentifier root : testPlan.getRoots()) {
            if (testPlan.getChildren(root).isEmpty()) {
                continue;
            }
            String engineId = root.getUniqueIdObject().getEngineId().orElse(null);
            if (engineId == null) {
                continue;
            }
            if (versions == null) {
                versions = engineVersions();
            }
            run.framework(engineId, versions.get(engineId));
        }
    }

    private static Map<String, String> engineVersions() {
        Map<String, String> versions = new HashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (TestEngine engine : ServiceLoader.load(TestEngine.class, loader)) {
            versions.putIfAbsent(engine.getId(), engine.getVersion().orElse(null));
        }
        return versions;
    }

    static void swallow(TelemetryLog log, String doing, Throwable t) {
        new FailOpen(log).swallow(doing, t);
    }
}
