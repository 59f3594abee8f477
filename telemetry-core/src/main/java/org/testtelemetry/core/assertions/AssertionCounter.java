package org.testtelemetry.core.assertions;

/**
 * The per-thread assertion count. Code instrumented by {@link AssertionAgent} calls {@link #count()} before each
 * call of an assertion entry point ({@link EntryPoints}); the {@code Recorder} reads the count when a test starts and
 * ends on its own thread, so each test invocation knows its assertions.
 *
 * <p>Nothing is allocated per call: each thread has one slot, created on its first assertion.
 *
 * <pre>{@code
 * AssertionCounter.testRunning();          // the test starts on this thread
 * ... assertEquals(2, sum) ...             // instrumented: AssertionCounter.count(); Assertions.assertEquals(...)
 * long made = AssertionCounter.testEnded(); // 1
 * }</pre>
 */
public final class AssertionCounter {

    /** Not {@code ThreadLocal.withInitial(Slot::new)}: a lambda here would be the agent's first, set up at start-up. */
    private static final ThreadLocal<Slot> SLOTS = new ThreadLocal<>() {
        @Override
        protected Slot initialValue() {
            return new Slot();
        }
    };
    private static volatile boolean attached;

    private AssertionCounter() {
    }

    /** One assertion on this thread. Called by instrumented code only: keep it tiny (JIT inlines it). */
    public static void count() {
        SLOTS.get().count++;
    }

    /** Whether the agent instruments this JVM's classes; without it every count stays 0 and means nothing. */
    public static boolean attached() {
        return attached;
    }

    static void attach() {
        attached = true;
    }

    /** Assertions made on this thread so far. */
    public static long current() {
        return SLOTS.get().count;
    }

    /**
     * A test's set-up (e.g. TestNG's {@code @BeforeMethod}) begins on this thread: its assertions belong to the
     * test that follows. A second set-up method before the same test keeps the first one's start.
     */
    public static void setUpRunning() {
        Slot slot = SLOTS.get();
        if (!slot.setUp) {
            slot.mark = slot.count;
            slot.setUp = true;
        }
    }

    /** A test begins on this thread (after its set-up, if {@link #setUpRunning()} said so). */
    public static void testRunning() {
        Slot slot = SLOTS.get();
        if (!slot.setUp) {
            slot.mark = slot.count;
        }
        slot.setUp = false;
    }

    /** The test that began on this thread ended: its assertions (with its set-up's); the next test starts at 0. */
    public static long testEnded() {
        Slot slot = SLOTS.get();
        long made = slot.count - slot.mark;
        slot.mark = slot.count;
        slot.setUp = false;
        return made;
    }

    /** One thread's counts: mutated by that thread only. */
    private static final class Slot {
        long count;
        long mark;
        boolean setUp;
    }
}
