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
 *   <li>{@code hash-token <token> [--admin]}: prints the token file line for a token.</li>
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

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
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
                            + " (serve, jobs --retry-failed, rollup, hash-token)");
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
