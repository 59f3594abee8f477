package org.testtelemetry.report;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The counts of a run. Counting rules are DESIGN.md's: one execution is one test; Surefire's XML is the
 * ground truth where frameworks disagree.
 *
 * @param classes     distinct classes with at least one test
 * @param methods     distinct test methods
 * @param assertions  null where they were not measured (no assertion agent), never invented
 * @param exceptions  throwables other than assertion errors that ended a test or a lifecycle method
 * @param errors      the subset of {@code exceptions} that are {@link Error}s
 * @param coverage    null without JaCoCo
 * @param durationMs  wall clock of the run
 * @param forks       number of test JVMs whose results are merged here
 */
@API(status = STABLE)
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
     *
     * @param voidTests JSON {@code void}: passed tests that made no assertion, null where assertions were not
     *                  counted (optional in the schema: a platform that predates it ignores it)
     */
    public record Tests(long total, long passed, long failed, long errored, long skipped, long aborted,
                        long incomplete, long flaky, @JsonProperty("void") Long voidTests) {

        public static final Tests ZERO = new Tests(0, 0, 0, 0, 0, 0, 0, 0);

        /** Outcomes without a void count (assertions not measured). */
        public Tests(long total, long passed, long failed, long errored, long skipped, long aborted,
                     long incomplete, long flaky) {
            this(total, passed, failed, errored, skipped, aborted, incomplete, flaky, null);
        }

        /** The same outcomes with {@code voidTests} as the void count (null: not measured). */
        public Tests withVoid(Long voidTests) {
            return new Tests(total, passed, failed, errored, skipped, aborted, incomplete, flaky, voidTests);
        }

        /**
         * The outcomes of two runs added up, as {@link Counter#plus} adds counters; the void count only when both
         * measured it (a run without the assertion agent would make the sum an undercount).
         */
        public Tests plus(Tests other) {
            return new Tests(total + other.total, passed + other.passed, failed + other.failed,
                    errored + other.errored, skipped + other.skipped, aborted + other.aborted,
                    incomplete + other.incomplete, flaky + other.flaky,
                    voidTests == null || other.voidTests == null ? null : voidTests + other.voidTests);
        }
    }

    /**
     * Assertion counts: {@code total} calls of assertion entry points while tests ran; {@code failed} tests ended by
     * an assertion failure (one per test); {@code passed = total - failed}.
     */
    public record Assertions(long total, long passed, long failed) {

        /** {@code total} assertions of which {@code failed} failed. */
        public static Assertions of(long total, long failed) {
            return new Assertions(total, total - failed, failed);
        }

        public Assertions plus(Assertions other) {
            return new Assertions(total + other.total, passed + other.passed, failed + other.failed);
        }
    }

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
