package org.testtelemetry.server;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * One running collector: Jetty (API role), the group-commit inbox writer, the worker (worker role) and the store.
 * {@link #close()} drains: the connector stops accepting, requests in flight finish (their reports are committed),
 * the queue is committed, the worker ends its batch, the store closes.
 *
 * <pre>{@code
 * try (TelemetryServer server = TelemetryServer.start(ServerOptions.parse(List.of("--port", "0"), Map.of()))) {
 *     URI api = server.uri(); // http://127.0.0.1:<free port>
 * }
 * }</pre>
 */
public final class TelemetryServer implements AutoCloseable {

    private final ServerOptions options;
    private final Store store;
    private final InboxWriter inbox;
    private final Worker worker;
    private final Server jetty;
    private final ApiHandler api;
    private final int port;
    private InfluxSink influx;

    private TelemetryServer(ServerOptions options, Store store, InboxWriter inbox, Worker worker, Server jetty,
                            ApiHandler api, int port) {
        this.options = options;
        this.store = store;
        this.inbox = inbox;
        this.worker = worker;
        this.jetty = jetty;
        this.api = api;
        this.port = port;
    }

    /** Opens the store (migrating it), starts the worker and the HTTP server as the role says. */
    public static TelemetryServer start(ServerOptions options) throws Exception {
        if (options.role().api()) {
            Thread warm = new Thread(ReportIntake::warm, "telemetry-warm-up");
            warm.setDaemon(true);
            warm.start();
        }
        Store store = options.noStore() ? null : Store.open(options);
        Worker worker = null;
        InfluxSink influx = null;
        InboxWriter inbox = null;
        Server jetty = null;
        try {
            if (store != null && options.role().worker()) {
                worker = new Worker(store, options.retryBase(), new Rollup(store, options.rollupAfter(),
                        Clock.systemUTC()));
                influx = InfluxSink.start(options.influxUrl(), options.influxTokenFile());
                if (influx != null) {
                    worker.onStored(influx::offer);
                }
                worker.start();
            }
            ApiHandler api = null;
            int port = -1;
            if (options.role().api()) {
                Worker w = worker;
                inbox = store == null ? null : new InboxWriter(store, options.queueCapacity(),
                        w == null ? () -> { } : w::wake);
                api = new ApiHandler(options, store, inbox);
                jetty = jetty(options, api);
                jetty.start();
                port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            }
            TelemetryServer server = new TelemetryServer(options, store, inbox, worker, jetty, api, port);
            server.influx = influx;
            return server;
        } catch (Exception | Error e) {
            stopQuietly(jetty);
            if (inbox != null) {
                inbox.close();
            }
            if (worker != null) {
                worker.close();
            }
            if (influx != null) {
                influx.close();
            }
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    private static Server jetty(ServerOptions options, ApiHandler api) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("telemetry-http");
        // Java 21+: each request on its own virtual thread (waiting for the group commit costs no platform thread)
        if (VirtualThreads.areSupported()) {
            threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("telemetry-request"));
        }
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        // A client that drips its body (slow loris) is cut off instead of holding a thread.
        http.setMinRequestDataRate(512);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(options.bind());
        connector.setPort(options.port());
        connector.setIdleTimeout(options.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new Dashboard(api)));
        server.setStopTimeout(30_000);
        server.setStopAtShutdown(false); // ServerMain decides how to stop (drain, then exit 0)
        return server;
    }

    /** The port the API listens on (the real one when started with port 0); -1 without the API role. */
    public int port() {
        return port;
    }

    /** The API's base URI, e.g. {@code http://127.0.0.1:8087}. */
    public URI uri() {
        String host = options.bind().equals("0.0.0.0") || options.bind().equals("::") ? "localhost" : options.bind();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** The store's description for the start-up line: the SQLite file or the JDBC URL without parameters. */
    public String storeDescription() {
        if (store == null) {
            return "none (--no-store: reports are not kept)";
        }
        return store.postgres ? store.describe() : store.describe().substring("jdbc:sqlite:".length()) + " (SQLite, WAL)";
    }

    List<String> routes() {
        return api == null ? List.of() : api.routes();
    }

    Store store() {
        return store;
    }

    Worker worker() {
        return worker;
    }

    /** Drains and stops; never throws. */
    @Override
    public void close() {
        stopQuietly(jetty);
        if (inbox != null) {
            inbox.close();
        }
        if (worker != null) {
            worker.close();
        }
        if (influx != null) {
            influx.close(); // after the worker: its last batch is queued
        }
        if (store != null) {
            store.close();
        }
    }

    private static void stopQuietly(Server jetty) {
        if (jetty != null) {
            try {
                jetty.stop();
            } catch (Exception e) {
                System.err.println("telemetry-server: stopping HTTP: " + e);
            }
        }
    }
}
