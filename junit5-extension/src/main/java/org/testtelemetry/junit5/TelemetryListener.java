package org.testtelemetry.junit5;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigKey;
import org.testtelemetry.core.config.EnabledCheck;
import org.testtelemetry.core.recorder.Outcome;
import org.testtelemetry.core.recorder.Recorder;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.OwnCost;
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
 * The rules themselves are {@link Recorder}'s methods (e.g. {@link Recorder#failedContainerAsOneTest}); this class
 * only translates JUnit's events into them, behind one fail-open boundary.
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
    /** Surely off ({@link EnabledCheck}): for this session, with no configuration or run loaded. */
    private boolean off;
    private final MethodKeys methodKeys = new MethodKeys();
    /**
     * The tests the plans of this session planned, by unique id: a later plan that runs them again (Surefire's
     * {@code rerunFailingTestsCount} reruns failed tests in a new plan of the same session) plans nothing new. The
     * last plan's are only listed; they become a set when another plan starts (most sessions have one plan).
     */
    private final List<UniqueId> lastPlanned = new ArrayList<>();
    private Set<UniqueId> earlierPlanned;

    TelemetryListener(TelemetryLog log) {
        this.log = log;
    }

    /** The events this listener handles; each says what telemetry was doing, for the one warning line. */
    private enum Event {
        PLAN_STARTED("starting the test plan"),
        STARTED("counting a test"),
        SKIPPED("counting a skipped test"),
        FINISHED("counting a finished test");

        final String doing;

        Event(String doing) {
            this.doing = doing;
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        failOpen(Event.PLAN_STARTED, testPlan, null);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        failOpen(Event.STARTED, id, null);
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        failOpen(Event.SKIPPED, id, null);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        failOpen(Event.FINISHED, id, result);
    }

    /**
     * The listener's one fail-open boundary: every engine event passes here, and a problem inside telemetry
     * becomes one warning line instead of reaching JUnit. Until a run counts, only the plan's start does anything.
     */
    private void failOpen(Event event, Object subject, TestExecutionResult result) {
        Recorder r = recorder;
        if (r == null && event != Event.PLAN_STARTED) {
            return;
        }
        long began = OwnCost.begin();
        try {
            switch (event) {
                case PLAN_STARTED -> planStarted((TestPlan) subject);
                case STARTED -> started(r, (TestIdentifier) subject);
                case SKIPPED -> skipped(r, (TestIdentifier) subject);
                case FINISHED -> finished(r, (TestIdentifier) subject, result);
                default -> throw new IllegalArgumentException(event.name());
            }
        } catch (Throwable t) {
            if (event == Event.PLAN_STARTED) {
                recorder = null;
            }
            TelemetryRun current = run;
            (current != null ? current.guard() : new FailOpen(log)).swallow(event.doing, t);
        } finally {
            OwnCost.end(event == Event.PLAN_STARTED ? OwnCost.START : OwnCost.TESTS, began);
        }
    }

    private void planStarted(TestPlan testPlan) {
        if (run == null && !off) {
            ConfigurationParameters parameters = testPlan.getConfigurationParameters();
            if (!EnabledCheck.mayBeEnabled(parameters.get(EnabledCheck.KEY).orElse(null), EnabledCheck.projectDir(),
                    Thread.currentThread().getContextClassLoader())) {
                off = true; // the run and its configuration are never loaded; TelemetryRun.start would ask again
                return;
            }
            // A Maven plugin's test JVM: its system properties decide, so JUnit's settings are not read (nor ConfigKey
            // loaded); TelemetryRun.start asks the same question.
            Map<String, String> settings = EnabledCheck.thinRunDir() != null ? Map.of() : telemetrySettings(parameters);
            run = TelemetryRun.start(ADAPTER, settings, CONFIG_LABEL, log);
            recorder = run.recorder();
        }
        if (recorder != null) {
            plan = testPlan;
            nameFrameworks(testPlan);
            Map<String, Long> planned = plannedTests(testPlan);
            for (Map.Entry<String, Long> e : planned.entrySet()) { // no lambda: a cold test JVM
                methodKeys.expect(e.getKey(), e.getValue());
            }
            run.planned(planned);
        }
    }

    private static void started(Recorder r, TestIdentifier id) {
        if (id.isTest()) {
            r.testStarted();
            r.testRunning(); // on the test's thread, before its @BeforeEach methods
        }
    }

    private void skipped(Recorder r, TestIdentifier id) {
        TestSource source = id.getSource().orElse(null);
        if (id.isContainer() && source instanceof ClassSource) {
            // Surefire writes a disabled class as one skipped test per child (method, template, nested class).
            for (TestIdentifier child : plan.getChildren(id)) {
                r.testSkipped(classKey(child), methodKey(child));
            }
        } else {
            r.testSkipped(classKey(id), methodKey(id));
        }
    }

    private void finished(Recorder r, TestIdentifier id, TestExecutionResult result) {
        TestExecutionResult.Status status = result.getStatus();
        if (id.isTest()) {
            Throwable cause = status == TestExecutionResult.Status.SUCCESSFUL ? null
                    : result.getThrowable().orElse(null);
            Outcome outcome = outcome(status, cause);
            // Straight-line path for the usual test with a method source, so the JIT allocates nothing.
            if (id.getSource().orElse(null) instanceof MethodSource method) {
                MethodKeys.Key newMethod = methodKeys.ifNew(method); // a known method's class is known too
                r.testFinished(newMethod == null ? null : method.getClassName(), newMethod, outcome, cause);
            } else {
                r.testFinished(classKey(id), methodKey(id), outcome, cause);
            }
        } else if (status == TestExecutionResult.Status.FAILED) {
            r.failedContainerAsOneTest(classKey(id), methodKey(id), result.getThrowable().orElse(null));
        } else if (status == TestExecutionResult.Status.ABORTED
                && id.getSource().orElse(null) instanceof ClassSource classSource) {
            List<Recorder.TestKey> declared = new ArrayList<>();
            for (TestIdentifier descendant : plan.getDescendants(id)) {
                if (descendant.isTest()) {
                    declared.add(new Recorder.TestKey(classKey(descendant), methodKey(descendant)));
                }
            }
            r.classAbortedInSetUp(classSource.getClassName(), declared);
        }
    }

    /**
     * The tests this plan is about to run that no earlier plan of the session planned, by class: each test, and
     * each parameterized, repeated or factory method not yet expanded as one (its invocations are only known while
     * it runs). A rerun of a failed test is the same test, not a new planned one. One pass over the plan, each node's
     * class handed down from its parent (a 10,000-test plan is walked once, in a cold JVM, issue 15).
     */
    private Map<String, Long> plannedTests(TestPlan testPlan) {
        if (!lastPlanned.isEmpty()) {
            if (earlierPlanned == null) {
                earlierPlanned = new HashSet<>();
            }
            earlierPlanned.addAll(lastPlanned);
            lastPlanned.clear();
        }
        PlannedTests planned = new PlannedTests(testPlan, earlierPlanned, lastPlanned);
        for (TestIdentifier root : testPlan.getRoots()) {
            planned.below(root, classOf(root.getSource().orElse(null), null));
        }
        return planned.flush();
    }

    /** {@link #plannedTests}' walk: counts the tests of consecutive nodes of one class together. */
    private static final class PlannedTests {
        private final TestPlan plan;
        private final Set<UniqueId> earlier;
        private final List<UniqueId> planned;
        private final Map<String, Long> byClass = new HashMap<>();
        private String className;
        private long tests;

        PlannedTests(TestPlan plan, Set<UniqueId> earlier, List<UniqueId> planned) {
            this.plan = plan;
            this.earlier = earlier;
            this.planned = planned;
        }

        /** Counts the tests below {@code parent}, whose class (its own source's, else an ancestor's) is given. */
        void below(TestIdentifier parent, String parentClass) {
            for (TestIdentifier id : plan.getChildren(parent)) {
                TestSource source = id.getSource().orElse(null);
                String type = classOf(source, parentClass);
                boolean parentOfOthers = id.isContainer() && !plan.getChildren(id).isEmpty();
                if (id.isTest() || (!parentOfOthers && id.isContainer() && source instanceof MethodSource)) {
                    test(id, type); // a method container not expanded yet is one test until it runs
                }
                if (parentOfOthers) {
                    below(id, type);
                }
            }
        }

        private void test(TestIdentifier id, String type) {
            if (type == null) {
                return;
            }
            UniqueId unique = id.getUniqueIdObject(); // not its String: formatting it is slow cold
            if (earlier != null && earlier.contains(unique)) {
                return;
            }
            planned.add(unique);
            if (!type.equals(className)) {
                flush();
                className = type;
            }
            tests++;
        }

        Map<String, Long> flush() {
            if (tests > 0) {
                Long before = byClass.get(className);
                byClass.put(className, before == null ? tests : before + tests);
            }
            tests = 0;
            return byClass;
        }
    }

    /** The session ended: report once. */
    void sessionClosed() {
        TelemetryRun current = run;
        recorder = null;
        plan = null;
        lastPlanned.clear();
        earlierPlanned = null;
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
            String type = classOf(at.getSource().orElse(null), null);
            if (type != null) {
                return type;
            }
        }
        return null;
    }

    /** The class a source names, else {@code inherited} (the nearest ancestor's that names one). */
    private static String classOf(TestSource source, String inherited) {
        return source instanceof MethodSource method ? method.getClassName()
                : source instanceof ClassSource declared ? declared.getClassName() : inherited;
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
            Optional<String> value = parameters.get(key.key());
            if (value.isPresent()) {
                settings.put(key.key(), value.get());
            }
        }
        return settings;
    }

    /** Names the platform and every engine with tests in this plan, with their versions. */
    private void nameFrameworks(TestPlan testPlan) {
        run.framework("junit-platform", Launcher.class.getPackage().getImplementationVersion());
        List<String> engines = new ArrayList<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            String engineId = testPlan.getChildren(root).isEmpty() ? null : engineId(root.getUniqueIdObject());
            if (engineId != null && !engines.contains(engineId)) {
                engines.add(engineId);
            }
        }
        if (!engines.isEmpty()) {
            Map<String, String> versions = engineVersions(engines);
            for (String engineId : engines) {
                run.framework(engineId, versions.get(engineId));
            }
        }
    }

    /** {@link UniqueId#getEngineId()} without its stream: the engine segment's value, else null. */
    private static String engineId(UniqueId id) {
        for (UniqueId.Segment segment : id.getSegments()) {
            if (segment.getType().equals("engine")) {
                return segment.getValue();
            }
        }
        return null;
    }

    /**
     * The versions of the engines {@code ids} names: only theirs are asked for, since an engine's version is read from
     * its jar's manifest (a console launcher carries engines that run nothing, issue 15).
     */
    private static Map<String, String> engineVersions(List<String> ids) {
        Map<String, String> versions = new HashMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (TestEngine engine : ServiceLoader.load(TestEngine.class, loader)) {
            String id = engine.getId();
            if (ids.contains(id) && !versions.containsKey(id)) {
                String version = ownJarVersion(engine.getClass(), Launcher.class);
                versions.put(id, version != null ? version : engine.getVersion().orElse(null));
                if (versions.size() == ids.size()) {
                    break;
                }
            }
        }
        return versions;
    }

    /**
     * What {@link TestEngine#getVersion()} answers for one of JUnit's own engines in a jar of its own, read from the
     * package the class loader already defined from that jar's manifest; null when the engine must be asked. JUnit's
     * default reads the jar's manifest again through classes a test JVM has not loaded (≈ 3 ms of a Surefire fork's
     * CPU, issue 15), and its answer is this one: the jar's {@code Implementation-Version}, unless the jar names
     * the engine's own version ({@code Engine-Version-<id>}), which only the console launcher's standalone jar
     * does, where the launcher and the engines share one jar (its {@code Implementation-Version} is the platform's,
     * 1.x for JUnit 5). So: JUnit's engines ({@code org.junit.}, none overrides {@code getVersion}), in the
     * unnamed module, not in the launcher's jar.
     */
    static String ownJarVersion(Class<?> engine, Class<?> launcher) {
        Package pkg = engine.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        if (version == null || !engine.getName().startsWith("org.junit.") || engine.getModule().isNamed()) {
            return null;
        }
        String jar = location(engine);
        return jar != null && !jar.equals(location(launcher)) ? version : null;
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : source.getLocation().toString();
    }

}
