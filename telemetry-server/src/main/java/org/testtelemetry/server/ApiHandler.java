package org.testtelemetry.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every HTTP route of the server (Jetty core handler, no servlets). The route table below is the one place that
 * says which routes exist; {@code openapi.json} documents the same list and a test compares the two.
 */
final class ApiHandler extends Handler.Abstract {

    /** An answer: status, JSON body. */
    private record Reply(int status, byte[] body) {
        static Reply json(int status, ObjectNode node) {
            return new Reply(status, Json.bytes(node));
        }
    }

    @FunctionalInterface
    private interface Action {
        Reply handle(Request request) throws Exception;
    }

    private static final String OPENAPI = "/org/testtelemetry/server/openapi.json";
    private static final int WEBHOOK_MAX_BYTES = 1024 * 1024;

    private final Map<String, Map<String, Action>> routes = new LinkedHashMap<>();
    private final ServerOptions options;
    private final Store store;
    private final InboxWriter inbox;
    private final ReportIntake intake;
    private final Tokens tokens;
    private final RateLimits limits;
    private final ReadApi read;
    private final Releases releases;
    private final byte[] openapi;

    ApiHandler(ServerOptions options, Store store, InboxWriter inbox) {
        this.options = options;
        this.store = store;
        this.inbox = inbox;
        this.intake = new ReportIntake(options.maxBodyBytes());
        this.tokens = Tokens.load(options.tokenFile());
        this.limits = new RateLimits(options.rateLimit());
        this.read = store == null ? null : new ReadApi(store);
        this.releases = store == null ? null : new Releases(store, options.githubSecretFile());
        try (InputStream in = ApiHandler.class.getResourceAsStream(OPENAPI)) {
            this.openapi = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        route("GET", "/health", r -> Reply.json(200, Json.object().put("status", "ok")));
        route("GET", "/ready", this::ready);
        route("GET", "/api/openapi.json", r -> new Reply(200, openapi));
        route("POST", "/api/v1/reports", this::postReport);
        route("GET", "/api/v1/summary", r -> Reply.json(200, read.summary(filter(r))));
        route("GET", "/api/v1/series", r -> Reply.json(200,
                read.series(filter(r), param(r, "interval"), param(r, "split"))));
        route("GET", "/api/v1/breakdown", r -> Reply.json(200,
                read.breakdown(filter(r), ReadApi.Dimension.parse(param(r, "by")))));
        route("GET", "/api/v1/breakdowns", r -> Reply.json(200,
                read.breakdowns(filter(r), ReadApi.Dimension.parseList(param(r, "by")))));
        route("GET", "/api/v1/projects", r -> Reply.json(200,
                read.projects(filter(r), param(r, "by"), intParam(r, "limit", 10))));
        route("GET", "/api/v1/releases", r -> Reply.json(200, read.releases(filter(r))));
        route("POST", "/api/v1/releases", this::postRelease);
        route("POST", "/hooks/github", this::githubHook);
    }

    /** "METHOD /path" for every route, in declaration order. */
    List<String> routes() {
        return routes.entrySet().stream()
                .flatMap(e -> e.getValue().keySet().stream().map(m -> m + " " + e.getKey())).toList();
    }

    private void route(String method, String path, Action action) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, action);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Reply reply;
        long retryAfter = -1;
        try {
            Map<String, Action> byMethod = routes.get(Request.getPathInContext(request));
            if (byMethod == null) {
                throw ApiError.of(404, "not_found", "no such endpoint: " + Request.getPathInContext(request));
            }
            Action action = byMethod.get(request.getMethod());
            if (action == null) {
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", byMethod.keySet()));
                throw ApiError.of(405, "method_not_allowed", request.getMethod() + " is not allowed here");
            }
            reply = action.handle(request);
        } catch (ApiError e) {
            reply = new Reply(e.status, e.body());
            retryAfter = e.retryAfterSeconds;
        } catch (Exception e) {
            System.err.println("telemetry-server: " + request.getMethod() + " " + Request.getPathInContext(request)
                    + ": " + e);
            ApiError error = ApiError.retryLater(503, "unavailable", "the server could not answer: store error", 5);
            reply = new Reply(error.status, error.body());
            retryAfter = error.retryAfterSeconds;
        }
        response.setStatus(reply.status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (retryAfter > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfter));
        }
        if (reply.status >= 400 && request.getLength() != 0) {
            // refused before its body was read (401, 413, 415, 429...): Jetty closes such a connection after the
            // answer, so say so, or a keep-alive client sends its next request into a closing socket
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(reply.body), callback);
        return true;
    }

    private Reply ready(Request request) throws SQLException {
        if (store == null) {
            return Reply.json(200, Json.object().put("status", "ready").put("store", "none"));
        }
        if (!store.reachable()) {
            throw ApiError.retryLater(503, "not_ready", "the store does not answer", 5);
        }
        return Reply.json(200, Json.object().put("status", "ready"));
    }

    private Reply postReport(Request request) throws Exception {
        String token = bearer(request);
        if (tokens.required() && tokens.check(token) == Tokens.Access.NONE) {
            throw ApiError.of(401, "unauthorized", token == null ? "a Bearer token is required (telemetry.token)"
                    : "the token is not accepted (telemetry.token)");
        }
        long wait = limits.tryAcquire(token != null ? "t:" + java.util.HexFormat.of().formatHex(Tokens.sha256(token))
                : "ip:" + Request.getRemoteAddr(request));
        if (wait > 0) {
            throw ApiError.retryLater(429, "rate_limited", "too many requests: retry in " + wait + " s", wait);
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
            throw ApiError.of(415, "unsupported_media_type", "a report is application/json, not "
                    + (type == null ? "(no Content-Type)" : type));
        }
        String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.trim().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.trim().equalsIgnoreCase("identity")) {
            throw ApiError.of(415, "unsupported_media_type", "Content-Encoding must be gzip or identity");
        }
        long length = request.getLength();
        if (length > options.maxBodyBytes()) {
            throw intake.tooLarge();
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = intake.read(in, gzip, options.idleTimeout().toMillis());
        } catch (IOException e) { // too slow (idle timeout, minimum data rate) or gone
            throw ApiError.of(408, "request_timeout", "the report did not arrive in time");
        }
        ReportIntake.Accepted report = intake.validate(body, request.getHeaders().get("Idempotency-Key"));
        if (inbox == null) { // --no-store: the benchmark's ceiling
            return Reply.json(202, Json.object().put("id", report.id()));
        }
        CompletableFuture<Boolean> committed = inbox.submit(report.id(), report.json());
        if (committed == null) {
            throw ApiError.retryLater(503, "busy", "the server is busy: retry later", 1);
        }
        try {
            committed.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiError.retryLater(503, "not_stored", "the report could not be stored: retry later", 5);
        }
        return Reply.json(202, Json.object().put("id", report.id()));
    }

    private Reply postRelease(Request request) throws Exception {
        if (tokens.check(bearer(request)) != Tokens.Access.ADMIN) {
            throw ApiError.of(401, "unauthorized", "an admin token is required");
        }
        String id = releases.manual(readSmall(request));
        return Reply.json(201, Json.object().put("id", id));
    }

    private Reply githubHook(Request request) throws Exception {
        byte[] body = readSmall(request);
        String result = releases.github(body, request.getHeaders().get("X-Hub-Signature-256"),
                request.getHeaders().get("X-GitHub-Event"));
        return Reply.json(200, Json.object().put("status", result));
    }

    private static byte[] readSmall(Request request) throws IOException {
        if (request.getLength() > WEBHOOK_MAX_BYTES) {
            throw ApiError.of(413, "too_large", "the body is larger than " + WEBHOOK_MAX_BYTES + " bytes");
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(WEBHOOK_MAX_BYTES + 1);
            if (body.length > WEBHOOK_MAX_BYTES) {
                throw ApiError.of(413, "too_large", "the body is larger than " + WEBHOOK_MAX_BYTES + " bytes");
            }
            return body;
        }
    }

    private static String bearer(Request request) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static ReadApi.Filter filter(Request request) {
        Fields fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        return ReadApi.Filter.parse(fields::getValue);
    }

    private static String param(Request request, String name) {
        return Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue(name);
    }

    private static int intParam(Request request, String name, int fallback) {
        String v = param(request, name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.of(400, "bad_parameter", name + " must be a number");
        }
    }
}
