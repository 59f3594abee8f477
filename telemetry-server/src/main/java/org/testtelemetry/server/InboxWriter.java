package org.testtelemetry.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Group commit into the durable inbox: request threads put reports on a bounded queue, one writer thread takes
 * everything waiting (up to {@value #MAX_BATCH}), inserts it in one transaction and only then completes each
 * request's future. One commit (one fsync) is then shared by many reports. A full queue is refused at once
 * ({@link #submit} returns null, the API answers 503) instead of growing without bound.
 */
final class InboxWriter implements AutoCloseable {

    static final int MAX_BATCH = 512;
    private static final String INSERT = "INSERT INTO inbox (report_id, received_ms, body, state, attempts,"
            + " next_attempt_ms) VALUES (?, ?, ?, 0, 0, 0) ON CONFLICT (report_id) DO NOTHING";

    private record Pending(String id, String body, long receivedMs, CompletableFuture<Boolean> done) { }

    private final Store store;
    private final BlockingQueue<Pending> queue;
    private final Runnable afterCommit;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param afterCommit called after each commit (wakes the in-process worker), never throws */
    InboxWriter(Store store, int capacity, Runnable afterCommit) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.afterCommit = afterCommit;
        this.thread = new Thread(this::run, "telemetry-inbox-writer");
        thread.start();
    }

    /**
     * Queues one validated report; the future completes with true (stored now) or false (that id was stored
     * before) once committed, or exceptionally when the commit failed. Null when the queue is full or closed.
     */
    CompletableFuture<Boolean> submit(String id, String body) {
        if (!running) {
            return null;
        }
        Pending p = new Pending(id, body, System.currentTimeMillis(), new CompletableFuture<>());
        return queue.offer(p) ? p.done : null;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        Connection connection = null;
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (connection == null) {
                    connection = store.connection();
                }
                int[] counts = write(connection, batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done.complete(counts[i] != 0);
                }
                afterCommit.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (SQLException | RuntimeException e) {
                for (Pending p : batch) {
                    p.done.completeExceptionally(e);
                }
                connection = closeQuietly(connection); // a fresh connection for the next batch
            } finally {
                batch.clear();
            }
        }
        closeQuietly(connection);
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done.completeExceptionally(new IllegalStateException("server stopping"));
        }
    }

    private int[] write(Connection connection, List<Pending> batch) throws SQLException {
        // One transaction per batch; between batches the writer holds none (SQLite would keep its write lock).
        return store.inTransaction(connection, c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (Pending p : batch) {
                    insert.setString(1, p.id);
                    insert.setLong(2, p.receivedMs);
                    insert.setString(3, p.body);
                    insert.addBatch();
                }
                return insert.executeBatch();
            }
        });
    }

    private static Connection closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        return null;
    }

    /** Stops taking reports and commits everything already queued before returning. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
