package org.testtelemetry.core.recorder;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;
import org.testtelemetry.core.assertions.AssertionCounter;
import org.testtelemetry.report.Metrics;

/**
 * Thread-safe counters for one run, fed by an adapter's callbacks, and the one home of DESIGN.md's counting
 * rules: each rule where a framework's view and Surefire's XML differ is a method named after it
 * ({@link #failedContainerAsOneTest}, {@link #failedContainerAsOneTestPerClass}, {@link #classAbortedInSetUp},
 * {@link #attemptRetried} / {@link #testFinishedAfterRetries}), so an adapter only translates its framework's
 * events into these calls. Per-test calls are lock-free increments; class and method keys (held in memory only,
 * never reported) are kept in sets for the distinct counts.
 *
 * <p>Assertions (when the assertion agent is attached, see {@link AssertionCounter}): an adapter calls
 * {@link #testRunning()} on the test's own thread when it begins (or {@link #setUpRunning()} when its set-up does) and
 * {@link #testFinished} on the same thread when it ends; the assertions made on that thread in between are the
 * test's. A test that passed without any is {@code void}.
 *
 * <pre>{@code
 * recorder.testStarted();
 * recorder.testRunning();
 * recorder.testFinished("com.acme.FooTest", "com.acme.FooTest#bar", Outcome.PASSED, null);
 * Metrics metrics = recorder.snapshot(coverage, durationMs, peakHeapBytes, 1);
 * }</pre>
 */
@API(status = MAINTAINED)
public final class Recorder {

    /** Stands for "no class" among the classes whose container failed. */
    private static final Object NO_CLASS = new Object();

    private final LongAdder started = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final LongAdder passed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder errored = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder aborted = new LongAdder();
    private final LongAdder flaky = new LongAdder();
    private final LongAdder exceptions = new LongAdder();
    private final LongAdder errors = new LongAdder();
    /**
     * Guards {@link #classes}, {@link #methods} and {@link #lastClass}. Plain sets under one lock rather than
     * concurrent ones: each count of a new name is an insert, and in a large suite's first seconds those run before
     * the JIT has compiled them, where a {@code ConcurrentHashMap}'s every atomic read, CAS and size update is a call
     * into the VM while a lock is not (issue 15). The lock is held for the look-up only, never while names are told.
     */
    private final Object seen = new Object();
    private final Set<Object> classes = new HashSet<>();
    /** Replaced once, before anything is counted, by {@link #expectTests}. */
    private Set<Object> methods = new HashSet<>();
    private final Set<Object> classesWithFailedContainer = ConcurrentHashMap.newKeySet();
    /** Retried invocations whose last attempt has not ended yet: how many retried attempts each awaits. */
    private final Map<Object, AtomicInteger> retried = new ConcurrentHashMap<>();
    private final boolean countAssertions;
    private final LongAdder assertions = new LongAdder();
    private final LongAdder assertionFailures = new LongAdder();
    private final LongAdder voidTests = new LongAdder();
    private final NameVisitor names;
    /** The class of the last count: a class's tests are counted one after another, so its set is asked once per run of them. */
    private Object lastClass;

    /** One test as a framework discovered it: its class and method keys (see {@link #testFinished}). */
    public record TestKey(Object classKey, Object methodKey) {
    }

    /** Counts assertions when the assertion agent is attached to this JVM. */
    public Recorder() {
        this(AssertionCounter.attached());
    }

    /** @param countAssertions whether assertions are counted (else they and {@code void} are reported as null) */
    public Recorder(boolean countAssertions) {
        this(countAssertions, null);
    }

    /**
     * @param countAssertions whether assertions are counted (else they and {@code void} are reported as null)
     * @param names           told each distinct class and test method the first time it is counted, on the thread
     *                        that counts it (so concurrently under parallel execution), or null
     */
    public Recorder(boolean countAssertions, NameVisitor names) {
        this.countAssertions = countAssertions;
        this.names = names;
    }

    /**
     * A hint, before anything is counted: about {@code tests} tests are planned, so the set of distinct methods is
     * sized for them at once instead of growing step by step while a large suite's first tests run (in a cold JVM
     * that costs a 10,000-test suite milliseconds, issue 15). Ignored once a method has been counted.
     */
    public void expectTests(long tests) {
        synchronized (seen) {
            if (tests > 64 && methods.isEmpty()) {
                methods = new HashSet<>((int) (Math.min(tests, 1 << 20) / 0.75f) + 1);
            }
        }
    }

    /** A test began executing; one that never finishes counts as incomplete. */
    public void testStarted() {
        started.increment();
    }

    /** A test's set-up method (one that runs before each invocation) begins on the current thread. */
    public void setUpRunning() {
        if (countAssertions) {
            AssertionCounter.setUpRunning();
        }
    }

    /** A test begins on the current thread: its assertions count from here (or from its set-up's start). */
    public void testRunning() {
        if (countAssertions) {
            AssertionCounter.testRunning();
        }
    }

    /**
     * A started test execution ended (pair each call with one {@link #testStarted()}). Called on the test's own
     * thread, it also takes the assertions made there since {@link #testRunning()}.
     *
     * @param classKey  identifies the test's class (null when it has none): any value with equals/hashCode,
     *                  e.g. the class name or a framework's own method descriptor, so adapters need not allocate
     * @param methodKey identifies the test method (null when it has none, e.g. a dynamic test's factory counts)
     * @param cause     the throwable that ended it, or null
     */
    public void testFinished(Object classKey, Object methodKey, Outcome outcome, Throwable cause) {
        finished.increment();
        count(classKey, methodKey, outcome, cause);
        if (countAssertions) {
            assertions(outcome);
        }
    }

    /**
     * A test that ended with an assertion failure made at least that one assertion, even when it threw the error
     * itself; one that passed without any is void.
     */
    private void assertions(Outcome outcome) {
        long made = AssertionCounter.testEnded();
        if (outcome == Outcome.FAILED) {
            assertionFailures.increment();
            made = Math.max(made, 1);
        } else if (outcome == Outcome.PASSED && made == 0) {
            voidTests.increment();
        }
        assertions.add(made);
    }

    /** A test that was skipped without ever starting (disabled, ignored, skipped by a dependency). */
    public void testSkipped(Object classKey, Object methodKey) {
        count(classKey, methodKey, Outcome.SKIPPED, null);
    }

    private void count(Object classKey, Object methodKey, Outcome outcome, Throwable cause) {
        switch (outcome) {
            case PASSED -> passed.increment();
            case FAILED -> failed.increment();
            case ERRORED -> {
                errored.increment();
                exception(cause);
            }
            case SKIPPED -> skipped.increment();
            case ABORTED -> aborted.increment();
            default -> throw new IllegalArgumentException(String.valueOf(outcome));
        }
        boolean newClass = false;
        boolean newMethod = false;
        if (classKey != null || methodKey != null) {
            synchronized (seen) {
                if (classKey != null && !classKey.equals(lastClass)) {
                    newClass = classes.add(classKey);
                    lastClass = classKey;
                }
                newMethod = methodKey != null && methods.add(methodKey);
            }
        }
        if (newClass && names != null) {
            names.visitClass(name(classKey));
        }
        if (newMethod && names != null) {
            names.visitMethod(name(methodKey), classKey != null ? name(classKey) : "");
        }
    }

    /**
     * A failed container is one test: Surefire writes a container that failed ({@code @BeforeAll} or
     * {@code @AfterAll}, a class-level error, a failing {@code @TestFactory} or argument source, a failed TestNG
     * configuration method) as one failed or errored test case of its own; tests it kept from starting are not
     * counted. Its throwable counts in {@code exceptions} unless it is an assertion failure.
     *
     * @param methodKey the container's method when it is one (a {@code @TestFactory}), else null: a lifecycle
     *                  method is not a test method
     */
    public void failedContainerAsOneTest(Object classKey, Object methodKey, Throwable cause) {
        testStarted();
        testFinished(classKey, methodKey, Outcome.ofThrowable(cause), cause);
    }

    /**
     * A failed container is one test per class: under the JUnit Platform's TestNG engine (Surefire 3.6 and later)
     * Surefire writes one failed test for a class whose configuration failed, however many times it failed; each
     * later failure still counts its throwable in {@code exceptions}.
     */
    public void failedContainerAsOneTestPerClass(Object classKey, Throwable cause) {
        if (classesWithFailedContainer.add(classKey == null ? NO_CLASS : classKey)) {
            failedContainerAsOneTest(classKey, null, cause);
        } else {
            exception(cause);
        }
    }

    /**
     * A class aborted in its set-up counts its tests as aborted: Surefire writes a class whose set-up was aborted
     * (an assumption in {@code @BeforeAll}) before any of its tests ran as one skipped test per test it declares,
     * or as one for the class when it declares none, and our "aborted" is Surefire's skipped. A class that had
     * already counted a test was aborted later (e.g. in {@code @AfterAll}): Surefire writes nothing more for it.
     *
     * @param declaredTests the class's tests (including nested ones), as the framework discovered them
     */
    public void classAbortedInSetUp(Object classKey, Collection<TestKey> declaredTests) {
        if (classKey == null || counted(classKey)) {
            return;
        }
        for (TestKey test : declaredTests) {
            testStarted();
            testFinished(test.classKey(), test.methodKey(), Outcome.ABORTED, null);
        }
        if (declaredTests.isEmpty()) {
            testStarted();
            testFinished(classKey, null, Outcome.ABORTED, null);
        }
    }

    private boolean counted(Object classKey) {
        synchronized (seen) {
            return classes.contains(classKey);
        }
    }

    /**
     * A retried attempt is one skipped test: with a retry (TestNG's {@code IRetryAnalyzer}) Surefire writes every
     * earlier attempt as skipped and the last attempt as the test; end that with {@link #testFinishedAfterRetries}.
     *
     * @param invocation identifies the invocation across its attempts (method, instance, parameters), with
     *                   equals/hashCode
     */
    public void attemptRetried(Object classKey, Object methodKey, Object invocation) {
        testSkipped(classKey, methodKey);
        retried.computeIfAbsent(invocation, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Whether some invocation's last attempt is still to come: when false, an adapter can pass a null invocation
     * to {@link #testFinishedAfterRetries} without building a key (the usual, allocation-free path).
     */
    public boolean retriesPending() {
        return !retried.isEmpty();
    }

    /**
     * A test execution ended that may be the last attempt of a retried invocation: it is counted as
     * {@link #testFinished} does, and a retried invocation that finally passed is also flaky (failed, then
     * passed on a rerun).
     *
     * @param invocation the invocation's key as given to {@link #attemptRetried}, or null when none is pending
     */
    public void testFinishedAfterRetries(Object classKey, Object methodKey, Outcome outcome, Throwable cause,
                                         Object invocation) {
        testFinished(classKey, methodKey, outcome, cause);
        if (invocation != null && endRetried(invocation) && outcome == Outcome.PASSED) {
            flaky.increment();
        }
    }

    private boolean endRetried(Object invocation) {
        AtomicInteger pending = retried.get(invocation);
        if (pending == null) {
            return false;
        }
        if (pending.decrementAndGet() <= 0) {
            retried.remove(invocation, pending);
        }
        return true;
    }

    private void exception(Throwable cause) {
        if (cause instanceof AssertionError) {
            return;
        }
        exceptions.increment();
        if (cause instanceof Error) {
            errors.increment();
        }
    }

    /**
     * Receives the names (see {@link #name}) of the distinct classes and test methods as they are first counted: what
     * a partial result fingerprints so that the Maven plugin counts a class that ran in two JVMs once. Told during
     * the run rather than all at its end, so the JVM's end of run does not wait for 10,000 names (issue 15). Two
     * distinct keys with the same name are told twice; readers keep sets.
     */
    public interface NameVisitor {

        /** A distinct class's name. */
        void visitClass(String name);

        /** A distinct test method's name, and its class's ({@code ""} when it has none). */
        void visitMethod(String name, String className);
    }

    /**
     * A key's name: a {@link Class}'s binary name, a {@link Method} as {@code class#name(parameter types)}, any
     * other key (the adapters' own strings) as its {@code toString()}. Equal keys give equal names.
     */
    static String name(Object key) {
        if (key instanceof Class<?> type) {
            return type.getName();
        }
        if (key instanceof Method method) {
            StringBuilder name = new StringBuilder(method.getDeclaringClass().getName()).append('#')
                    .append(method.getName()).append('(');
            Class<?>[] parameters = method.getParameterTypes();
            for (int i = 0; i < parameters.length; i++) {
                name.append(i == 0 ? "" : ",").append(parameters[i].getName());
            }
            return name.append(')').toString();
        }
        return String.valueOf(key);
    }

    /** Counts so far, as a value; tests that started but never ended are {@code incomplete}. */
    public Metrics snapshot(Metrics.Coverage coverage, long durationMs, Long peakHeapBytes, int forks) {
        long p = passed.sum();
        long f = failed.sum();
        long e = errored.sum();
        long s = skipped.sum();
        long a = aborted.sum();
        long incomplete = Math.max(0, started.sum() - finished.sum());
        long total = p + f + e + s + a + incomplete;
        Metrics.Tests tests = new Metrics.Tests(total, p, f, e, s, a, incomplete, flaky.sum(),
                countAssertions ? voidTests.sum() : null);
        Metrics.Assertions counted = countAssertions
                ? Metrics.Assertions.of(assertions.sum(), assertionFailures.sum()) : null;
        int distinctClasses;
        int distinctMethods;
        synchronized (seen) {
            distinctClasses = classes.size();
            distinctMethods = methods.size();
        }
        return new Metrics(distinctClasses, distinctMethods, tests, counted, exceptions.sum(), errors.sum(), coverage,
                durationMs, new Metrics.Memory(peakHeapBytes), forks);
    }
}
