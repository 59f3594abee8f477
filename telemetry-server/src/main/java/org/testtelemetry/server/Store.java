package org.testtelemetry.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * The database behind the platform: SQLite (WAL, one file, zero set-up) or PostgreSQL (any number of servers).
 * Opens the pool and applies the Flyway migrations; the SQL of every other class runs unchanged on both, except
 * {@link #claimSuffix()}.
 */
final class Store implements AutoCloseable {

    private static final String MIGRATIONS = "classpath:org/testtelemetry/server/db/migration";
    /** The version of the newest script in {@link #MIGRATIONS} (a test keeps the two in step). */
    static final int LATEST_MIGRATION = 2;

    final boolean postgres;
    final String url;
    private final HikariDataSource pool;
    /** SQLite only: the in-process queue for the write lock (fair: first come, first served). */
    private final ReentrantLock writes;

    private Store(boolean postgres, String url, HikariDataSource pool) {
        this.postgres = postgres;
        this.url = url;
        this.pool = pool;
        this.writes = postgres ? null : new ReentrantLock(true);
    }

    static Store open(ServerOptions options) {
        boolean postgres = options.postgres();
        String url = options.jdbcUrl();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("telemetry-store");
        config.setInitializationFailTimeout(-1); // the server starts; /ready says whether the store answers
        config.setConnectionTimeout(10_000);
        if (postgres) {
            config.setMaximumPoolSize(10);
            String user = System.getenv("TELEMETRY_SERVER_STORE_USER");
            String password = System.getenv("TELEMETRY_SERVER_STORE_PASSWORD");
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
        } else {
            if (options.store() == null) {
                try {
                    Files.createDirectories(options.dataDir());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the data directory " + options.dataDir(), e);
                }
            }
            config.setMaximumPoolSize(4);
            // WAL: readers never block the writer; FULL: a commit is on disk before the API answers 202.
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "10000");
            // A transaction takes the write lock when it begins: two writers wait for each other (busy_timeout)
            // instead of failing with SQLITE_BUSY_SNAPSHOT when one upgrades a read.
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            if (!upToDate(pool)) {
                Flyway.configure().dataSource(pool).locations(MIGRATIONS).load().migrate();
            }
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Store(postgres, url, pool);
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * True when Flyway's history says every migration up to {@link #LATEST_MIGRATION} succeeded: the server then
     * starts without loading Flyway (about 400 classes and a validation pass, a good part of the start-up time).
     * Any doubt (no history, a failed or newer entry, no answer) leaves the decision to Flyway.
     */
    private static boolean upToDate(HikariDataSource pool) {
        try (Connection c = pool.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            int newest = 0;
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                newest = Math.max(newest, Integer.parseInt(rs.getString(1).trim()));
            }
            return newest == LATEST_MIGRATION;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Work done in a transaction; may throw. */
    @FunctionalInterface
    interface Transaction<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on {@code c} and commits it (rolls back when it throws). On SQLite the
     * server's own writers (the intake's group commit, the worker, the roll-up) first queue for the database's
     * single write lock here, in arrival order: SQLite's busy handler would let a waiting writer sleep in steps of
     * up to 100 ms, and the intake's 202s would wait for those sleeps.
     */
    <T> T inTransaction(Connection c, Transaction<T> work) throws SQLException {
        if (writes != null) {
            writes.lock();
        }
        try {
            c.setAutoCommit(false);
            boolean committed = false;
            try {
                T result = work.run(c);
                // Leaving manual commit mode commits (JDBC). Not commit(): sqlite-jdbc would begin the next
                // transaction at once and take the write lock again.
                c.setAutoCommit(true);
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly(c);
                }
            }
        } finally {
            if (writes != null) {
                writes.unlock();
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // see below
        }
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // see below
        }
        // A commit that failed while leaving manual mode: sqlite-jdbc sets its flag first and leaves the
        // transaction (and the write lock) open, so rollback() above refused; end it, or later writers wait.
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open (the usual case), or the connection is broken: the pool drops it
        }
    }

    /** Appended to the worker's claim query: PostgreSQL workers skip each other's rows instead of waiting. */
    String claimSuffix() {
        return postgres ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /**
     * Refreshes SQLite's planner statistics ({@code PRAGMA optimize}: ANALYZE only of tables whose row count changed
     * about tenfold since their last one, so it is rare). Without them SQLite walks the {@code created_ms} index row
     * by row even for a range that holds every run (a scan is ~20 % cheaper); with them (sqlite_stat4 samples, which a
     * bounded {@code analysis_limit} would drop) it scans for wide ranges and seeks for narrow ones. PostgreSQL's
     * autovacuum keeps its own statistics.
     */
    void optimize() throws SQLException {
        if (postgres) {
            return;
        }
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA optimize = 0x10002"); // every table, not only those this connection queried
        }
    }

    /** True when the store answers a trivial query now. */
    boolean reachable() {
        try (Connection c = connection(); var s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The URL without credentials, for the start-up line. */
    String describe() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public void close() {
        pool.close();
    }
}
