package org.testtelemetry.server;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for the tests: Debian's binaries ({@code /usr/lib/postgresql/<newest>/bin},
 * installed by {@code .ci/run} when missing), {@code initdb} in a temporary directory, a free port on 127.0.0.1,
 * stopped and deleted when the test JVM exits. As root (CI, this machine) it runs as the {@code postgres} user,
 * since PostgreSQL refuses to run as root. Each caller gets a fresh database.
 */
final class TestPostgres {

    private static TestPostgres instance;

    private final Path dir;
    private final int port;
    private final Process server;

    private TestPostgres(Path dir, int port, Process server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /** The shared cluster (fsync off: tests, not benchmarks). */
    static synchronized TestPostgres get() throws Exception {
        if (instance == null) {
            instance = start(false);
            TestPostgres started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return instance;
    }

    static TestPostgres start(boolean fsync) throws Exception {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("telemetry-pg");
        List<String> asUser = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
            asUser.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
        }
        List<String> initdb = new ArrayList<>(asUser);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U",
                "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"));
        run(initdb);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> postgres = new ArrayList<>(asUser);
        postgres.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(), "-p",
                Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=" + (fsync ? "on" : "off"), "-c", "max_connections=200"));
        Process server = new ProcessBuilder(postgres).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        TestPostgres pg = new TestPostgres(dir, port, server);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = DriverManager.getConnection(pg.url("postgres"), "postgres", "")) {
                return pg;
            } catch (SQLException e) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    pg.stop();
                    throw new IllegalStateException("PostgreSQL did not start: "
                            + Files.readString(dir.resolve("server.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static Path binaries() {
        String configured = System.getenv("TELEMETRY_TEST_PG_BIN");
        if (configured != null) {
            return Path.of(configured);
        }
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null || versions.length == 0) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install -y postgresql");
        }
        return Stream.of(versions).map(File::toPath).filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""))))
                .orElseThrow().resolve("bin");
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** A new, empty database on this cluster; returns its JDBC URL. */
    String newDatabase() throws SQLException {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** Fast shutdown (SIGINT), then the directory goes. */
    void stop() {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            // best effort at JVM exit
        }
    }
}
