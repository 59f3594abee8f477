package org.testtelemetry.server;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code java -jar telemetry-server.jar [serve] [options]} runs the collector; other commands:
 * <ul>
 *   <li>{@code jobs --retry-failed}: puts failed inbox jobs back in the queue,</li>
 *   <li>{@code rollup}: folds old runs into monthly rows now,</li>
 *   <li>{@code hash-token <token> [--admin]}: prints the token file line for a token,</li>
 *   <li>{@code help} (or {@code --help}, {@code -h} anywhere): prints {@link #USAGE}.</li>
 * </ul>
 * Options are in {@link ServerOptions}. SIGTERM and Ctrl-C drain (stop accepting, commit what was accepted) and
 * exit 0. Exit 2 for a bad option, 1 when the server cannot start.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) {
        int code = run(List.of(args), System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** What {@code --help} prints: the commands and every option, with its environment variable and default. */
    static final String USAGE = """
            usage: java -jar telemetry-server.jar [command] [options]
            commands:
              serve                     run the collector (the default)
              jobs --retry-failed       put failed inbox jobs back in the queue
              rollup                    fold old runs into monthly rows now
              hash-token <token> [--admin]
                                        print the token file line for a token
              help, --help, -h          this text
            options (each also an environment variable TELEMETRY_SERVER_<NAME>, e.g. TELEMETRY_SERVER_PORT):
              --port <n>                TCP port, 0 for a free one (8087)
              --bind <address>          address to listen on (127.0.0.1; 0.0.0.0 for other machines)
              --data-dir <dir>          where the SQLite file lives (./telemetry-data)
              --store <jdbc url>        jdbc:postgresql://host/db or jdbc:sqlite:<file> (SQLite in the data dir)
              --token-file <file>       hashed tokens, one per line: sha256:<hex> [admin] (none: writes are open)
              --role <role>             all, api (HTTP only) or worker (no port) (all)
              --github-secret-file <f>  secret of the GitHub release webhook (none: it answers 401)
              --max-body-bytes <n>      largest report, on the wire and inflated (65536)
              --rate-limit <n>          report requests per second per token or IP, 0 = off (50)
              --queue-capacity <n>      reports waiting for the group commit before 503 (10000)
              --rollup-after-days <n>   months older than this are folded, 0 = never (400)
              --idle-timeout-ms <n>     a silent connection is closed after it (10000)
              --retry-base-ms <n>       first back-off of a failed job, doubling (1000)
              --influx-url <url>        also write each stored run to InfluxDB (off)
              --influx-token-file <f>   InfluxDB token (none)
            SIGTERM or Ctrl-C drains and exits 0; a bad option exits 2, a server that cannot start 1.
            """;

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h") || (!args.isEmpty() && args.get(0).equals("help"))) {
            out.print(USAGE);
            return 0;
        }
        List<String> rest = new ArrayList<>(args);
        String command = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : "serve";
        try {
            switch (command) {
                case "serve":
                    return serve(ServerOptions.parse(rest, env), out, err);
                case "jobs":
                    if (!rest.remove("--retry-failed")) {
                        err.println("telemetry-server: usage: jobs --retry-failed [options]");
                        return 2;
                    }
                    try (Store store = Store.open(ServerOptions.parse(rest, env))) {
                        int n = Worker.retryFailed(store);
                        out.println("telemetry-server: " + n + (n == 1 ? " failed job" : " failed jobs")
                                + " queued again");
                        return 0;
                    }
                case "rollup":
                    ServerOptions options = ServerOptions.parse(rest, env);
                    try (Store store = Store.open(options)) {
                        long n = new Rollup(store, options.rollupAfter(), Clock.systemUTC()).run();
                        out.println("telemetry-server: " + n + " runs folded into monthly rows");
                        return 0;
                    }
                case "hash-token":
                    boolean admin = rest.remove("--admin");
                    if (rest.size() != 1) {
                        err.println("telemetry-server: usage: hash-token <token> [--admin]");
                        return 2;
                    }
                    out.println(Tokens.line(rest.get(0), admin));
                    return 0;
                default:
                    err.println("telemetry-server: unknown command " + command
                            + " (serve, jobs --retry-failed, rollup, hash-token; --help lists the options)");
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println("telemetry-server: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("telemetry-server: cannot start: " + e);
            return 1;
        }
    }

    private static int serve(ServerOptions options, PrintStream out, PrintStream err) throws Exception {
        long started = System.nanoTime();
        TelemetryServer server = TelemetryServer.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                out.println("telemetry-server: stopping (draining requests and the commit queue)");
                server.close();
                out.println("telemetry-server: stopped");
                stopped.countDown();
            }
        };
        if (!Signals.handle(() -> {
            stop.run();
            System.exit(0); // a drained stop is a clean exit, also for SIGTERM
        })) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop, "telemetry-server-stop"));
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        out.println("telemetry-server: data in " + server.storeDescription());
        // the "listening on" line comes last: scripts (and the tests) take it as "ready"
        if (options.role().api()) {
            out.println("telemetry-server: listening on " + server.uri() + " (role " + options.role().name()
                    .toLowerCase(java.util.Locale.ROOT) + ", ready in " + ms + " ms)");
        } else {
            out.println("telemetry-server: worker running (ready in " + ms + " ms)");
        }
        out.flush();
        stopped.await();
        return 0;
    }
}
