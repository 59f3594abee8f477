package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    @Test
    void latestMigrationIsTheNewestScript() throws Exception {
        URL scripts = Store.class.getResource("/org/testtelemetry/server/db/migration");
        try (Stream<Path> files = Files.list(Path.of(scripts.toURI()))) {
            int newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
            assertThat(Store.LATEST_MIGRATION).isEqualTo(newest);
        }
    }

    @Test
    void anUpToDateDatabaseOpensAgainAndABehindOneIsMigrated() throws Exception {
        ServerOptions options = ServerOptions.parse(List.of("--data-dir", dir.toString()), Map.of());
        try (Store store = Store.open(options)) {
            assertThat(store.reachable()).isTrue();
        }
        try (Store store = Store.open(options); Connection c = store.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO releases (release_id, repository, tag, name, url, published_ms, source)"
                    + " VALUES ('r', 'o/r', 'v1', 'v1', 'u', 0, 'manual')"); // the schema is there
            // a database whose history lost its last success: Flyway decides (and finds the tables there)
            s.executeUpdate("UPDATE flyway_schema_history SET success = 0 WHERE version = '1'");
        }
        boolean failed = false;
        try (Store store = Store.open(options)) {
            assertThat(store).isNotNull();
        } catch (RuntimeException e) {
            failed = true; // Flyway refuses a failed migration: it was asked, not skipped
            assertThat(e.getClass().getName()).contains("flyway");
        }
        assertThat(failed).isTrue();
    }

    @Test
    void aCommitThatFailsLeavesNoTransactionAndNoWriteLockBehind() throws Exception {
        ServerOptions options = ServerOptions.parse(List.of("--data-dir", dir.toString()), Map.of());
        try (Store store = Store.open(options); Connection c = store.connection()) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys = ON");
                s.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
                s.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER"
                        + " REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
            }
            // a deferred foreign key fails at COMMIT, the moment the transaction is being left
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.inTransaction(c, tx -> {
                try (Statement s = tx.createStatement()) {
                    return s.executeUpdate("INSERT INTO child (id, parent) VALUES (1, 42)");
                }
            })).isInstanceOf(java.sql.SQLException.class);
            assertThat(c.getAutoCommit()).isTrue();
            try (Connection other = store.connection(); Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 200"); // a lock left behind would fail this at once
                s.executeUpdate("INSERT INTO parent (id) VALUES (7)");
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM child")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero(); // rolled back, not half-stored
            }
        }
    }
}
