package org.testtelemetry.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's settings, read once: a command-line option wins over its {@code TELEMETRY_SERVER_*} environment
 * variable, which wins over the default. A bad value is an {@link IllegalArgumentException} naming the option (the
 * server refuses to start rather than guess).
 *
 * <pre>{@code
 * java -jar telemetry-server.jar --port 0 --data-dir /var/lib/telemetry --token-file tokens.txt
 * TELEMETRY_SERVER_STORE=jdbc:postgresql://db/telemetry java -jar telemetry-server.jar --role api
 * }</pre>
 *
 * @param port             TCP port, 0 for a free one (default 8087)
 * @param bind             address to listen on (default 127.0.0.1: set 0.0.0.0 to accept other machines)
 * @param dataDir          where the SQLite file lives (default ./telemetry-data)
 * @param store            a JDBC URL ({@code jdbc:postgresql://...} or {@code jdbc:sqlite:...}); null for SQLite in
 *                         {@code dataDir}
 * @param tokenFile        hashed tokens, one per line ({@code sha256:<hex> [admin]}); null: writes need no token
 * @param role             which parts run in this process
 * @param githubSecretFile the GitHub webhook secret; null: the webhook answers 401
 * @param maxBodyBytes     largest accepted report, on the wire and after inflating
 * @param rateLimit        requests per second per token (or per IP without one), 0 for none
 * @param queueCapacity    reports waiting for the group commit before the API answers 503
 * @param rollupAfter      raw runs older than this are folded into monthly rows; zero: never
 * @param idleTimeout      connection idle timeout (a slow or silent client is cut off after it)
 * @param retryBase        first back-off of a failed job (doubles on each attempt)
 * @param noStore          benchmark only: answer 202 without storing (the ingest ceiling)
 * @param influxUrl        InfluxDB write URL ({@code …/write?db=…} or {@code …/api/v2/write?…}); null: no InfluxDB
 * @param influxTokenFile  InfluxDB token ({@code Authorization: Token …}); null: none
 */
public record ServerOptions(int port, String bind, Path dataDir, String store, Path tokenFile, Role role,
                            Path githubSecretFile, int maxBodyBytes, int rateLimit, int queueCapacity,
                            Duration rollupAfter, Duration idleTimeout, Duration retryBase, boolean noStore,
                            String influxUrl, Path influxTokenFile) {

    /** Which parts of the platform run in one process; all state is in the store, so any mix scales out. */
    public enum Role {
        /** API and worker (the default: one machine, one process). */
        ALL,
        /** Only the HTTP API: reports go to the inbox, another process works them off. */
        API,
        /** Only the worker (and the roll-up): no HTTP port. */
        WORKER;

        boolean api() {
            return this != WORKER;
        }

        boolean worker() {
            return this != API;
        }
    }

    public static final int DEFAULT_PORT = 8087;

    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_PORT, "127.0.0.1", Path.of("telemetry-data"), null, null, Role.ALL, null,
                64 * 1024, 50, 10_000, Duration.ofDays(400), Duration.ofSeconds(10), Duration.ofSeconds(1), false,
                null, null);
    }

    /** SQLite unless {@link #store} says otherwise. */
    public boolean postgres() {
        return store != null && store.startsWith("jdbc:postgresql:");
    }

    /** The JDBC URL in use. */
    public String jdbcUrl() {
        return store != null ? store : "jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("telemetry.db");
    }

    /**
     * Reads {@code args} (options only; the sub-command was taken off already) over {@code env}.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static ServerOptions parse(List<String> args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith("TELEMETRY_SERVER_") && !e.getValue().isBlank()) {
                values.put(e.getKey().substring("TELEMETRY_SERVER_".length()).toLowerCase(Locale.ROOT)
                        .replace('_', '-'), e.getValue().trim());
            }
        }
        java.util.Set<String> fromArgs = new java.util.HashSet<>();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals("no-store")) {
                value = "true";
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, value);
            fromArgs.add(name);
        }
        ServerOptions d = defaults();
        Reader r = new Reader(values);
        ServerOptions options = new ServerOptions(
                r.integer("port", d.port, 0, 65535),
                r.string("bind", d.bind),
                r.path("data-dir", d.dataDir),
                r.string("store", null),
                r.path("token-file", null),
                r.role(),
                r.path("github-secret-file", null),
                r.integer("max-body-bytes", d.maxBodyBytes, 1024, 16 * 1024 * 1024),
                r.integer("rate-limit", d.rateLimit, 0, 1_000_000),
                r.integer("queue-capacity", d.queueCapacity, 1, 1_000_000),
                Duration.ofDays(r.integer("rollup-after-days", (int) d.rollupAfter.toDays(), 0, 100_000)),
                Duration.ofMillis(r.integer("idle-timeout-ms", (int) d.idleTimeout.toMillis(), 100, 3_600_000)),
                Duration.ofMillis(r.integer("retry-base-ms", (int) d.retryBase.toMillis(), 1, 3_600_000)),
                Boolean.parseBoolean(r.string("no-store", "false")),
                r.string("influx-url", null),
                r.path("influx-token-file", null));
        r.rejectUnknown(fromArgs);
        if (options.store != null && !options.store.startsWith("jdbc:postgresql:")
                && !options.store.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("--store must be a jdbc:postgresql: or jdbc:sqlite: URL");
        }
        if (options.influxUrl != null) {
            InfluxSink.writeUri(options.influxUrl); // a wrong URL stops the start, as every other bad option
        }
        return options;
    }

    private static final class Reader {
        private final Map<String, String> values;

        Reader(Map<String, String> values) {
            this.values = new HashMap<>(values);
        }

        String string(String name, String fallback) {
            String v = values.remove(name);
            return v == null ? fallback : v;
        }

        Path path(String name, Path fallback) {
            String v = values.remove(name);
            return v == null ? fallback : Path.of(v);
        }

        int integer(String name, int fallback, int min, int max) {
            String v = values.remove(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min || n > max) {
                    throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a number, not " + v);
            }
        }

        Role role() {
            String v = values.remove("role");
            if (v == null) {
                return Role.ALL;
            }
            try {
                return Role.valueOf(v.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--role must be all, api or worker, not " + v);
            }
        }

        void rejectUnknown(java.util.Set<String> fromArgs) {
            // Environment variables of other tools may share the prefix: only options are checked strictly.
            values.keySet().retainAll(fromArgs);
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
            }
        }
    }
}
