package org.testtelemetry.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * Works off the inbox: claims due jobs (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}, so any number of workers
 * share one database), writes each report's normalized rows and marks the job done, all in one transaction. A job
 * that fails is rolled back alone (savepoint), keeps its error and is retried with exponential back-off; after
 * {@value #MAX_ATTEMPTS} attempts it is {@code failed} until {@code jobs --retry-failed}. The runs table's primary
 * key makes a report's rows exist once even if two workers ever processed the same job.
 */
final class Worker implements AutoCloseable {

    static final int MAX_ATTEMPTS = 5;
    static final int STATE_PENDING = 0;
    static final int STATE_DONE = 1;
    static final int STATE_FAILED = 2;
    private static final int BATCH = 200;
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration ROLLUP_EVERY = Duration.ofHours(1);

    private final Store store;
    private final Duration retryBase;
    private final Rollup rollup;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    /** Told about each batch's reports once they are committed (the InfluxDB sink); never blocks. */
    private volatile Consumer<List<Report>> stored = reports -> { };
    private Thread thread;

    Worker(Store store, Duration retryBase, Rollup rollup) {
        this.store = store;
        this.retryBase = retryBase;
        this.rollup = rollup;
    }

    void onStored(Consumer<List<Report>> listener) {
        this.stored = listener;
    }

    void start() {
        running = true;
        thread = new Thread(this::loop, "telemetry-worker");
        thread.start();
    }

    /** New jobs are committed: look now instead of at the next poll. */
    void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    private void loop() {
        long nextRollup = System.currentTimeMillis() + 60_000; // not while the server starts
        while (running) {
            try {
                int done = runOnce();
                if (rollup != null && System.currentTimeMillis() >= nextRollup) {
                    nextRollup = System.currentTimeMillis() + ROLLUP_EVERY.toMillis();
                    rollup.run();
                }
                if (done == 0) {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                System.err.println("telemetry-server: worker: " + e); // store unreachable: try again shortly
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private record Job(String id, String body, int attempts, long receivedMs) { }

    /** Claims and processes one batch of due jobs; returns how many were claimed. */
    int runOnce() throws SQLException {
        try (Connection c = store.connection()) {
            long now = System.currentTimeMillis();
            // a cheap look first: on SQLite a claim transaction takes the write lock even when there is nothing
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM inbox WHERE state = 0 AND next_attempt_ms <= ? LIMIT 1")) {
                s.setLong(1, now);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                }
            }
            c.setAutoCommit(false);
            try {
                List<Job> jobs = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("SELECT report_id, body, attempts, received_ms"
                        + " FROM inbox WHERE state = 0 AND next_attempt_ms <= ? ORDER BY next_attempt_ms LIMIT "
                        + BATCH + store.claimSuffix())) {
                    s.setLong(1, now);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            jobs.add(new Job(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4)));
                        }
                    }
                }
                List<Report> done = new ArrayList<>();
                for (Job job : jobs) {
                    Report report = process(c, job, now);
                    if (report != null) {
                        done.add(report);
                    }
                }
                c.commit();
                if (!done.isEmpty()) {
                    stored.accept(done);
                }
                return jobs.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The report when stored, null when the job failed (and was scheduled again). */
    private Report process(Connection c, Job job, long now) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            if (job.body == null) {
                throw new IllegalStateException("the job has no report body");
            }
            Report report = ReportJson.read(job.body);
            RunRow.insert(c, report, job.receivedMs);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE inbox SET state = 1, last_error = NULL WHERE report_id = ?")) {
                s.setString(1, job.id);
                s.executeUpdate();
            }
            c.releaseSavepoint(savepoint);
            return report;
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            int attempts = job.attempts + 1;
            long delay = Math.min(MAX_BACKOFF.toMillis(), retryBase.toMillis() << Math.min(20, attempts - 1));
            try (PreparedStatement s = c.prepareStatement("UPDATE inbox SET state = ?, attempts = ?,"
                    + " next_attempt_ms = ?, last_error = ? WHERE report_id = ?")) {
                s.setInt(1, attempts >= MAX_ATTEMPTS ? STATE_FAILED : STATE_PENDING);
                s.setInt(2, attempts);
                s.setLong(3, now + delay);
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                s.setString(4, error.length() > 1000 ? error.substring(0, 1000) : error);
                s.setString(5, job.id);
                s.executeUpdate();
            }
            return null;
        }
    }

    /** Puts every failed job back in the queue with a fresh count of attempts; returns how many. */
    static int retryFailed(Store store) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "UPDATE inbox SET state = 0, attempts = 0, next_attempt_ms = 0 WHERE state = 2")) {
            c.setAutoCommit(true);
            return s.executeUpdate();
        }
    }

    /** Jobs per state: pending, done, failed. */
    static long[] counts(Store store) throws SQLException {
        long[] counts = new long[3];
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT state, COUNT(*) FROM inbox GROUP BY state"); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                int state = rs.getInt(1);
                if (state >= 0 && state < 3) {
                    counts[state] = rs.getLong(2);
                }
            }
        }
        return counts;
    }

    /** Finishes the batch in hand and stops. */
    @Override
    public void close() {
        running = false;
        if (thread != null) {
            wake.release();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
