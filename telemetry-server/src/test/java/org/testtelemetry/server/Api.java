package org.testtelemetry.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;
import tools.jackson.databind.JsonNode;

/** Test side of the API: a real server on a free port (SQLite file in a temp dir, or a fresh PostgreSQL database). */
final class Api implements AutoCloseable {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final TelemetryServer server;
    final URI base;
    final String store;
    /** See {@link #freshConnections()}. */
    private boolean fresh;

    private Api(TelemetryServer server, String store) {
        this.server = server;
        this.base = server.uri();
        this.store = store;
    }

    /** @param store "sqlite" or "postgres" */
    static Api start(String store, Path dir, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--data-dir", dir.toString(),
                "--retry-base-ms", "50", "--rate-limit", "0"));
        if (store.equals("postgres")) {
            all.addAll(List.of("--store", TestPostgres.get().newDatabase()));
        }
        all.addAll(List.of(args));
        return new Api(TelemetryServer.start(ServerOptions.parse(all, Map.of())), store);
    }

    /** Another server on the same store. */
    static Api sameStore(Api other, Path dir, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--data-dir", dir.toString(),
                "--retry-base-ms", "50", "--rate-limit", "0", "--store", other.server.store().url));
        all.addAll(List.of(args));
        return new Api(TelemetryServer.start(ServerOptions.parse(all, Map.of())), other.store);
    }

    /**
     * Every later request of this instance on a new connection: for a server with a short idle timeout, where a
     * pooled connection the server closes while idle races the next request ("header parser received no bytes";
     * the JDK's client does not retry a POST).
     */
    Api freshConnections() {
        fresh = true;
        return this;
    }

    HttpResponse<String> post(Report report) {
        return post("/api/v1/reports", gzip(ReportJson.writeBytes(report)), "Content-Type", "application/json",
                "Content-Encoding", "gzip", "Idempotency-Key", report.id().toString());
    }

    HttpResponse<String> post(String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return exchange(b.build());
    }

    HttpResponse<String> get(String pathAndQuery) {
        return exchange(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30)).build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        if (!fresh) {
            return send(request);
        }
        try {
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String pathAndQuery) {
        HttpResponse<String> r = get(pathAndQuery);
        if (r.statusCode() != 200) {
            throw new AssertionError(pathAndQuery + ": " + r.statusCode() + " " + r.body());
        }
        return Json.MAPPER.readTree(r.body());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the worker(s) finished everything due now (a claimed job stays pending until committed). */
    void drain() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            if (server.worker() != null) {
                server.worker().runOnce();
            }
            if (pendingDue() == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("jobs still pending after 60 s");
            }
            Thread.sleep(20);
        }
    }

    private long pendingDue() throws Exception {
        try (var c = server.store().connection(); var s = c.prepareStatement(
                "SELECT COUNT(*) FROM inbox WHERE state = 0 AND next_attempt_ms <= ?")) {
            s.setLong(1, System.currentTimeMillis());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long[] jobs() throws Exception {
        return Worker.counts(server.store());
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }
}
