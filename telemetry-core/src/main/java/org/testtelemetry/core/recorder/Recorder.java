package org.testtelemetry.core.recorder;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.testtelemetry.core.assertions.AssertionCounter;
import org.testtelemetry.report.Metrics;

/**
 * Thread-safe counters for one run, fed by an adapter's callbacks. Per-test calls are lock-free increments;
 * class and method keys (held in memory only, never reported) are kept in sets for the distinct counts.
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
public final class Recorder {

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
    private final Set<Object> classes = ConcurrentHashMap.newKeySet();
    private final Set<Object> methods = ConcurrentHashMap.newKeySet();
    private final boolean countAssertions;
    private final LongAdder assertions = new LongAdder();
    private final LongAdder assertionFailures = new LongAdder();
    private final LongAdder voidTests = new LongAdder();

    /** Counts assertions when the assertion agent is attached to this JVM. */
    public Recorder() {
        this(AssertionCounter.attached());
    }

    /** @param countAssertions whether assertions are counted (else they and {@code void} are reported as null) */
    public Recorder(boolean countAssertions) {
        this.countAssertions = countAssertions;
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
        if (classKey != null) {
            classes.add(classKey);
        }
        if (methodKey != null) {
            methods.add(methodKey);
        }
    }

    /** Whether a test of this class has been counted (adapters use it to mirror Surefire's class-level rules). */
    public boolean hasClass(Object classKey) {
        return classKey != null && classes.contains(classKey);
    }

    /** A test failed, then passed on a rerun: call once, in addition to the final PASSED. */
    public void flaky() {
        flaky.increment();
    }

    /** A lifecycle method ({@code @BeforeAll}, a TestNG configuration method, ...) threw. */
    public void lifecycleFailure(Throwable cause) {
        if (!(cause instanceof AssertionError)) {
            exception(cause);
        }
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
        return new Metrics(classes.size(), methods.size(), tests, counted, exceptions.sum(), errors.sum(), coverage,
                durationMs, new Metrics.Memory(peakHeapBytes), forks);
    }
}
