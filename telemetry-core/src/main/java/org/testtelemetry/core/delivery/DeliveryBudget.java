package org.testtelemetry.core.delivery;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one place where delivery time is decided. A run has one budget ({@code telemetry.timeout}) for everything
 * it sends: queued reports first, then its own report, every attempt, redirect, back-off and {@code Retry-After}
 * wait included. Queued reports may use only the first half, so the run's own report always gets a chance.
 *
 * <p>Rules: at most {@value #MAX_ATTEMPTS} attempts per report; back-off starts at {@link #FIRST_BACKOFF} and
 * doubles up to {@link #MAX_BACKOFF}; a server's {@code Retry-After} replaces the back-off; no attempt starts
 * when it could not get at least {@link #MIN_ATTEMPT}; a wait that would leave less than that is not taken.
 *
 * <p>The clock starts where the end of the run starts ({@link DeliveryContext#endOfRunStart()}: a test JVM's
 * {@code finish()}, else the call to {@link ReportDelivery}), so building and serializing the report, reading the
 * outbox and loading the JSON mapper and the HTTP client all count: the caller waits no longer than the budget
 * for the network part either. In a cold JVM loading OkHttp alone can take a second, so adapters and the Maven
 * plugin load it on a warm-up thread at the start ({@link ReportDelivery#warmUpFor}).
 */
final class DeliveryBudget {

    static final int MAX_ATTEMPTS = 4;
    static final int MAX_REDIRECTS = 5;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    static final Duration MIN_ATTEMPT = Duration.ofMillis(50);
    /** Queued reports sent per run, oldest first; the rest wait for the next run. */
    static final int REPLAY_MAX_REPORTS = 20;
    /** Queued reports older than this are set aside instead of sent: the platform would file them too late. */
    static final Duration REPLAY_MAX_AGE = Duration.ofDays(30);

    private final LongSupplier nanoTime;
    private final long total;
    private final long start;
    private final long replayDeadline;

    private DeliveryBudget(Duration total, boolean reserveForOwnReport, LongSupplier nanoTime, long start) {
        this.nanoTime = nanoTime;
        this.total = Math.max(1, total.toNanos());
        this.start = start;
        this.replayDeadline = start + (reserveForOwnReport ? this.total / 2 : this.total);
    }

    /**
     * A run's budget, counted from {@code startNanos} ({@link System#nanoTime()}; null: now): replay may use half of
     * it, the run's own report the rest.
     */
    static DeliveryBudget forRun(Duration timeout, Long startNanos) {
        return new DeliveryBudget(timeout, true, System::nanoTime, startNanos != null ? startNanos : System.nanoTime());
    }

    /** {@code flush}, counted from {@code startNanos} (null: now): replay may use all of it. */
    static DeliveryBudget forFlush(Duration timeout, Long startNanos) {
        return new DeliveryBudget(timeout, false, System::nanoTime,
                startNanos != null ? startNanos : System.nanoTime());
    }

    static DeliveryBudget of(Duration timeout, boolean reserveForOwnReport, LongSupplier nanoTime) {
        return new DeliveryBudget(timeout, reserveForOwnReport, nanoTime, nanoTime.getAsLong());
    }

    Duration total() {
        return Duration.ofNanos(total);
    }

    Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - start);
    }

    /** Time left for a phase: queued reports stop at the replay deadline, the run's own report at the end. */
    Duration remaining(boolean replay) {
        long end = replay ? replayDeadline : start + total;
        return Duration.ofNanos(Math.max(0, end - nanoTime.getAsLong()));
    }

    /** Whether another attempt may start now; its whole call (connect to last byte) gets {@link #remaining}. */
    boolean canAttempt(boolean replay) {
        return remaining(replay).compareTo(MIN_ATTEMPT) >= 0;
    }

    /**
     * How long to wait before attempt {@code attemptsMade + 1}, or empty to give up now: attempts used up, or
     * the wait (the server's {@code Retry-After} when it sent one) would not leave time for that attempt.
     */
    Optional<Duration> retryDelay(boolean replay, int attemptsMade, Duration retryAfter) {
        if (attemptsMade >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        Duration delay = retryAfter != null ? retryAfter : backoff(attemptsMade);
        if (delay.plus(MIN_ATTEMPT).compareTo(remaining(replay)) > 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    static Duration backoff(int attemptsMade) {
        long ms = FIRST_BACKOFF.toMillis() << Math.min(10, Math.max(0, attemptsMade - 1));
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    /** The budget as users set it, e.g. "3 s" or "500 ms", for the one line. */
    String describe() {
        long ms = Duration.ofNanos(total).toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
