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
 * share one database), writes each report's normalized rows and marks the job done, a whole batch in one
 * transaction. A report that cannot be read fails alone; when a batch's rows fail, the batch is rolled back and
 * done again one job at a time (savepoints), so only the failing job keeps its error and is retried with
 * exponential back-off; after
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

    /** A job with its report parsed, or the reason it could not be. */
    private record Parsed(Job job, Report report, RuntimeException error) { }

    private static final String DONE = "UPDATE inbox SET state = 1, last_error = NULL"
            + " WHERE report_id = ? AND state = 0 AND attempts = ?";

    /**
     * Claims and processes one batch of due jobs; returns how many were claimed. On SQLite the jobs are read and
     * parsed before the write transaction begins (a transaction holds the database's only write lock, which the
     * intake's group commit needs too); the lock is held just for the batch's inserts, with statements prepared
     * once per batch. On PostgreSQL the claim ({@code FOR UPDATE SKIP LOCKED}) is the transaction's first step.
     */
    int runOnce() throws SQLException {
        try (Connection c = store.connection()) {
            long now = System.currentTimeMillis();
            List<Parsed> jobs;
            List<Report> done;
            if (store.postgres) {
                List<List<Parsed>> claimed = new ArrayList<>(1);
                done = store.inTransaction(c, tx -> {
                    claimed.add(parse(claim(tx, now)));
                    return process(tx, claimed.get(0), now);
                });
                jobs = claimed.get(0);
            } else {
                c.setAutoCommit(true); // a plain read: no lock in WAL mode
                jobs = parse(claim(c, now));
                if (jobs.isEmpty()) {
                    return 0;
                }
                List<Parsed> read = jobs;
                done = store.inTransaction(c, tx -> process(tx, read, now));
            }
            if (!done.isEmpty()) {
                stored.accept(done);
            }
            return jobs.size();
        }
    }

    /** The batch's rows in the open transaction; when they fail, each job again alone (a savepoint each). */
    private List<Report> process(Connection c, List<Parsed> jobs, long now) throws SQLException {
        if (jobs.isEmpty()) {
            return List.of();
        }
        Savepoint batch = c.setSavepoint();
        try {
            List<Report> done = writeBatch(c, jobs, now);
            c.releaseSavepoint(batch);
            return done;
        } catch (SQLException | RuntimeException batchFailed) {
            c.rollback(batch); // the claim's row locks (PostgreSQL) stay: they came before the savepoint
            List<Report> done = new ArrayList<>();
            for (Parsed job : jobs) {
                Report report = processAlone(c, job, now);
                if (report != null) {
                    done.add(report);
                }
            }
            return done;
        }
    }

    private List<Job> claim(Connection c, long now) throws SQLException {
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
        return jobs;
    }

    private static List<Parsed> parse(List<Job> jobs) {
        List<Parsed> parsed = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            try {
                if (job.body == null) {
                    throw new IllegalStateException("the job has no report body");
                }
                parsed.add(new Parsed(job, ReportJson.read(job.body), null));
            } catch (RuntimeException e) {
                parsed.add(new Parsed(job, null, e));
            }
        }
        return parsed;
    }

    /**
     * All rows of a batch in the open transaction. A job is marked done only if it is still the one that was
     * read (state and attempts unchanged): a job another worker finished meanwhile is skipped, not written twice.
     */
    private List<Report> writeBatch(Connection c, List<Parsed> jobs, long now) throws SQLException {
        List<Report> done = new ArrayList<>(jobs.size());
        try (RunRow.Writer rows = new RunRow.Writer(c); PreparedStatement mark = c.prepareStatement(DONE)) {
            for (Parsed p : jobs) {
                if (p.report == null) {
                    failed(c, p.job, p.error, now);
                    continue;
                }
                mark.setString(1, p.job.id);
                mark.setInt(2, p.job.attempts);
                if (mark.executeUpdate() == 1) {
                    rows.insert(p.report, p.job.receivedMs);
                    done.add(p.report);
                }
            }
        }
        return done;
    }

    /** The report when stored, null when the job failed (and was scheduled again) or was done by another worker. */
    private Report processAlone(Connection c, Parsed p, long now) throws SQLException {
        if (p.report == null) {
            failed(c, p.job, p.error, now);
            return null;
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            int marked;
            try (PreparedStatement mark = c.prepareStatement(DONE)) {
                mark.setString(1, p.job.id);
                mark.setInt(2, p.job.attempts);
                marked = mark.executeUpdate();
            }
            if (marked == 1) {
                RunRow.insert(c, p.report, p.job.receivedMs);
            }
            c.releaseSavepoint(savepoint);
            return marked == 1 ? p.report : null;
        } catch (SQLException | RuntimeException e) {
            c.rollback(savepoint);
            failed(c, p.job, e, now);
            return null;
        }
    }

    /** Keeps the job's error and schedules it again with exponential back-off, or marks it failed. */
    private void failed(Connection c, Job job, Exception e, long now) throws SQLException {
        int attempts = job.attempts + 1;
        long delay = Math.min(MAX_BACKOFF.toMillis(), retryBase.toMillis() << Math.min(20, attempts - 1));
        try (PreparedStatement s = c.prepareStatement("UPDATE inbox SET state = ?, attempts = ?,"
                + " next_attempt_ms = ?, last_error = ? WHERE report_id = ? AND state = 0 AND attempts = ?")) {
            s.setInt(1, attempts >= MAX_ATTEMPTS ? STATE_FAILED : STATE_PENDING);
            s.setInt(2, attempts);
            s.setLong(3, now + delay);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            s.setString(4, error.length() > 1000 ? error.substring(0, 1000) : error);
            s.setString(5, job.id);
            s.setInt(6, job.attempts);
            s.executeUpdate();
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
