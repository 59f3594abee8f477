package org.testtelemetry.report;

import java.util.Objects;

/**
 * The counts of a run. Counting rules are DESIGN.md's: one execution is one test; Surefire's XML is the
 * ground truth where frameworks disagree.
 *
 * @param classes     distinct classes with at least one test
 * @param methods     distinct test methods
 * @param assertions  null where the framework cannot measure them (never invented)
 * @param exceptions  throwables other than assertion errors that ended a test or a lifecycle method
 * @param errors      the subset of {@code exceptions} that are {@link Error}s
 * @param coverage    null without JaCoCo
 * @param durationMs  wall clock of the run
 * @param forks       number of test JVMs whose results are merged here
 */
public record Metrics(long classes, long methods, Tests tests, Assertions assertions, long exceptions, long errors,
                      Coverage coverage, long durationMs, Memory memory, int forks) {

    /** The metrics of a run that has not counted anything yet. */
    public static final Metrics EMPTY = new Metrics(0, 0, Tests.ZERO, null, 0, 0, null, 0, new Memory(null), 0);

    public Metrics {
        Objects.requireNonNull(tests, "tests");
        if (memory == null) {
            memory = new Memory(null);
        }
    }

    /**
     * Test outcomes. {@code total = passed + failed + errored + skipped + aborted + incomplete}; {@code flaky}
     * tests are among the passed ones.
     */
    public record Tests(long total, long passed, long failed, long errored, long skipped, long aborted,
                        long incomplete, long flaky) {

        public static final Tests ZERO = new Tests(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Assertion counts, where a framework exposes them. */
    public record Assertions(long total, long passed, long failed) { }

    /** JaCoCo's five counters, each covered/missed exactly as JaCoCo reports them. */
    public record Coverage(Counter line, Counter branch, Counter instruction, Counter method, Counter complexity) { }

    /** One JaCoCo counter. Counters from several sources add up exactly. */
    public record Counter(long covered, long missed) {

        public Counter plus(Counter other) {
            return new Counter(covered + other.covered, missed + other.missed);
        }

        /** covered / (covered + missed), or NaN when there is nothing to cover. */
        public double ratio() {
            long all = covered + missed;
            return all == 0 ? Double.NaN : (double) covered / all;
        }
    }

    /** @param peakHeapBytes highest heap use seen in any test JVM, null when not measured */
    public record Memory(Long peakHeapBytes) { }
}
