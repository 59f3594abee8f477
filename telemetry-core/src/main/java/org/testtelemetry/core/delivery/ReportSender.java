package org.testtelemetry.core.delivery;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.testtelemetry.core.FailOpen;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.TelemetryVersion;
import org.testtelemetry.core.delivery.AnswerCountingSockets.MalformedResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP writer's transport: {@code POST {endpoint}/api/v1/reports} with a gzip JSON body, the report id as
 * {@code Idempotency-Key} (a resend is harmless), retries and redirects as {@link DeliveryBudget} allows.
 * TLS is verified by the JVM's trust store; the token is sent, never logged.
 *
 * <p>Retried: connection failures (reset, closed without an answer, malformed response) and 429, 502, 503,
 * 504. Not retried: connection refused and unknown host (nobody is listening; the outbox keeps the report and
 * costs milliseconds instead of the budget), TLS failures, timeouts (the budget is spent) and every other status.
 * Redirects (301, 302, 307, 308) are followed by POSTing the same body again, at most
 * {@value DeliveryBudget#MAX_REDIRECTS} times, never from https to http, without the token on another host.
 */
final class ReportSender implements AutoCloseable {

    static final String PATH = "api/v1/reports";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    /** JSON fields that carry a server's explanation, most specific first. */
    private static final List<String> JSON_MESSAGES = List.of("message", "detail", "error", "title");
    private static final JsonMapper JSON_READER = JsonMapper.builder().build();

    private final OkHttpClient client;
    private final HttpUrl reportsUrl;
    private final String token;
    private final DeliveryBudget budget;
    private final TelemetryLog log;

    ReportSender(URI endpoint, String token, ProxySettings proxies, DeliveryBudget budget, TelemetryLog log) {
        String base = endpoint.toString();
        this.reportsUrl = HttpUrl.get((base.endsWith("/") ? base : base + "/") + PATH);
        this.token = token;
        this.budget = budget;
        this.log = log;
        OkHttpClient.Builder builder = Shared.CLIENT.newBuilder()
                .proxySelector(proxies)
                .dns(host -> lookupWithin(host, budget.remaining(false)));
        if (proxies.any()) {
            builder.proxyAuthenticator((route, response) -> {
                String[] credentials = route == null ? null : proxies.credentials(route.proxy().address());
                if (credentials == null || response.request().header("Proxy-Authorization") != null) {
                    return null;
                }
                return response.request().newBuilder()
                        .header("Proxy-Authorization", Credentials.basic(credentials[0], credentials[1])).build();
            });
        }
        this.client = builder.build();
    }

    /** Sends one report's JSON, within the budget; {@code replay} marks a queued report. Never throws. */
    SendResult send(String id, byte[] json, boolean replay) {
        byte[] body = gzip(json);
        HttpUrl url = reportsUrl;
        int attempts = 0;
        int redirects = 0;
        String lastFailure = null;
        while (true) {
            if (!budget.canAttempt(replay)) {
                return SendResult.failed(lastFailure != null ? lastFailure : noTimeLeft(), false, attempts);
            }
            attempts++;
            Attempt attempt = attempt(url, id, body, budget.remaining(replay));
            log.debug("Test telemetry: POST " + url + " (report " + id + ", attempt " + attempts + "): "
                    + attempt.kind() + (attempt.description() == null ? "" : " " + attempt.description())
                    + " at " + budget.elapsed().toMillis() + " ms");
            switch (attempt.kind()) {
                case DELIVERED:
                    return SendResult.ok(attempts);
                case REDIRECT:
                    if (++redirects > DeliveryBudget.MAX_REDIRECTS) {
                        return SendResult.failed("too many redirects (more than " + DeliveryBudget.MAX_REDIRECTS
                                + ")", false, attempts);
                    }
                    if (attempt.location() == null) {
                        return SendResult.failed(attempt.description() + " without a usable Location", false,
                                attempts);
                    }
                    if (url.isHttps() && !attempt.location().isHttps()) {
                        return SendResult.failed(attempt.description() + " to http:// refused (it would drop TLS)",
                                false, attempts);
                    }
                    url = attempt.location();
                    attempts--; // a hop is not a retry
                    continue;
                case RETRYABLE:
                    lastFailure = attempt.description();
                    Optional<Duration> delay = budget.retryDelay(replay, attempts, attempt.retryAfter());
                    if (delay.isEmpty()) {
                        return SendResult.failed(lastFailure, false, attempts);
                    }
                    if (!sleep(delay.get())) {
                        return SendResult.failed(lastFailure + " (interrupted)", false, attempts);
                    }
                    continue;
                default:
                    return SendResult.failed(attempt.description(), attempt.rejected(), attempts);
            }
        }
    }

    private Attempt attempt(HttpUrl url, String id, byte[] body, Duration timeout) {
        Request.Builder request = new Request.Builder().url(url)
                .post(RequestBody.create(body, JSON))
                .header("Content-Encoding", "gzip")
                .header("Accept", "application/json")
                .header("Idempotency-Key", id)
                .header("User-Agent", "test-telemetry/" + TelemetryVersion.get());
        if (token != null && !token.isEmpty() && url.host().equals(reportsUrl.host())) {
            request.header("Authorization", "Bearer " + token);
        }
        long ms = Math.max(1, timeout.toMillis());
        OkHttpClient call = client.newBuilder().callTimeout(ms, TimeUnit.MILLISECONDS)
                .connectTimeout(ms, TimeUnit.MILLISECONDS).readTimeout(ms, TimeUnit.MILLISECONDS)
                .writeTimeout(ms, TimeUnit.MILLISECONDS).build();
        try (Response response = call.newCall(request.build()).execute()) {
            int code = response.code();
            String status = "HTTP " + code + (response.message().isBlank() ? "" : " " + response.message());
            if (code >= 200 && code < 300) {
                return Attempt.of(Kind.DELIVERED, null); // the status is the platform's word; the body is not needed
            }
            if (code == 301 || code == 302 || code == 307 || code == 308) {
                String location = response.header("Location");
                HttpUrl next = location == null ? null : url.resolve(location);
                return new Attempt(Kind.REDIRECT, status, null, next, false);
            }
            if (code == 429 || code == 502 || code == 503 || code == 504) {
                return new Attempt(Kind.RETRYABLE, status, retryAfter(response.header("Retry-After")), null, false);
            }
            String message = serverMessage(response);
            String hint = code == 401 || code == 403 ? " (check telemetry.token)" : "";
            boolean rejected = code >= 400 && code < 500 && code != 401 && code != 403 && code != 407 && code != 408;
            return new Attempt(Kind.FINAL, status + (message.isEmpty() ? "" : ": " + message) + hint, null, null,
                    rejected);
        } catch (IOException | UncheckedIOException e) {
            log.debug("Test telemetry: " + url + ": " + chain(e));
            return classify(e, url);
        }
    }

    /** What a failed request means, by the exception's type alone (OkHttp's message texts change between versions). */
    private Attempt classify(Exception e, HttpUrl url) {
        if (e instanceof UnknownHostException) {
            return Attempt.of(Kind.FINAL, "unknown host " + url.host()
                    + (e instanceof LookupTimedOut ? " (lookup timed out)" : ""));
        }
        if (e instanceof SSLPeerUnverifiedException) {
            return Attempt.of(Kind.FINAL, "TLS: the server's certificate does not match " + url.host());
        }
        if (e instanceof SSLHandshakeException
                && causedBy(e, CertificateException.class, CertPathBuilderException.class)) {
            return Attempt.of(Kind.FINAL, "TLS: the server's certificate is not trusted");
        }
        if (e instanceof SSLException) {
            return Attempt.of(Kind.FINAL, "TLS handshake failed");
        }
        if (e instanceof InterruptedIOException) {
            return Attempt.of(Kind.FINAL, Thread.currentThread().isInterrupted() ? "interrupted" : noTimeLeft());
        }
        if (causedBy(e, NoRouteToHostException.class)) {
            return Attempt.of(Kind.RETRYABLE, "connection failed");
        }
        if (causedBy(e, ConnectException.class)) {
            // the JDK's type for a refused connection: nobody listens, so a retry would only spend the budget
            return Attempt.of(Kind.FINAL, "connection refused");
        }
        if (causedBy(e, MalformedResponseException.class, ProtocolException.class)) {
            return Attempt.of(Kind.RETRYABLE, "malformed response from the server"); // bytes, but no HTTP answer
        }
        if (causedBy(e, EOFException.class)) {
            return Attempt.of(Kind.RETRYABLE, "the server closed the connection without answering");
        }
        if (causedBy(e, SocketException.class)) {
            return Attempt.of(Kind.RETRYABLE, "connection reset"); // reset by the peer or a broken pipe
        }
        return Attempt.of(Kind.RETRYABLE, "connection failed (" + e.getClass().getSimpleName() + ")");
    }

    private String noTimeLeft() {
        return "no answer within the " + budget.describe() + " budget";
    }

    /** The first line of the server's explanation: a JSON {@code message}/{@code error} field, or the text. */
    private static String serverMessage(Response response) {
        try {
            String text = response.peekBody(4096).string();
            if (text.stripLeading().startsWith("{")) {
                text = jsonMessage(text).orElse(text);
            }
            return FailOpen.firstLine(text, 200);
        } catch (IOException | RuntimeException e) {
            return ""; // the status alone still tells what happened
        }
    }

    /**
     * The first of the top-level string fields {@link #JSON_MESSAGES} in a JSON object. Read as a stream, so a
     * body cut at 4 KB still yields the fields before the cut.
     */
    static Optional<String> jsonMessage(String json) {
        Map<String, String> found = new HashMap<>();
        try (JsonParser parser = JSON_READER.createParser(json)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                    String name = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING) {
                        found.putIfAbsent(name, parser.getString());
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        } catch (JacksonException cutOrNotJson) {
            // keep what was read before the problem
        }
        return JSON_MESSAGES.stream().map(found::get).filter(m -> m != null && !m.isBlank()).findFirst();
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), HTTP_DATE));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /**
     * DNS can block longer than any socket timeout and OkHttp cannot cancel it: the lookup runs on a daemon thread
     * and gives up when the budget does (the thread then ends with the system resolver's own timeout).
     */
    static List<InetAddress> lookupWithin(String host, Duration limit) throws UnknownHostException {
        FutureTask<List<InetAddress>> task = new FutureTask<>(() -> Dns.SYSTEM.lookup(host));
        Thread thread = new Thread(task, "test-telemetry-dns");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new LookupTimedOut(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + " (lookup interrupted)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException wrapped = new UnknownHostException(host);
            wrapped.initCause(e.getCause());
            throw wrapped;
        }
    }

    static byte[] gzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Exception classes and messages, outermost first, for debug output (they never carry headers). */
    private static String chain(Throwable t) {
        StringBuilder out = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            out.append(out.length() == 0 ? "" : " <- ").append(c.getClass().getName()).append(": ")
                    .append(c.getMessage());
        }
        return out.toString();
    }

    @SafeVarargs
    private static boolean causedBy(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The system resolver did not answer within the budget. */
    static final class LookupTimedOut extends UnknownHostException {
        LookupTimedOut(String host) {
            super(host + " (lookup timed out)");
        }
    }

    /** Closes idle connections so no socket or pool task outlives the run. */
    @Override
    public void close() {
        FailOpen.quietly(() -> client.connectionPool().evictAll());
    }

    private enum Kind { DELIVERED, REDIRECT, RETRYABLE, FINAL }

    private record Attempt(Kind kind, String description, Duration retryAfter, HttpUrl location, boolean rejected) {
        static Attempt of(Kind kind, String description) {
            return new Attempt(kind, description, null, null, false);
        }
    }

    /** Loads and builds the shared client now (class loading and TLS set-up cost a cold JVM up to a second). */
    static void warmUp() {
        Shared.CLIENT.connectionPool();
    }

    /** Built once: every delivery derives its client from it, sharing one small pool. */
    private static final class Shared {
        static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false) // retries are DeliveryBudget's decision, not OkHttp's
                .connectionPool(new ConnectionPool(1, 1, TimeUnit.SECONDS))
                .socketFactory(AnswerCountingSockets.FACTORY)
                .addNetworkInterceptor(AnswerCountingSockets.INTERCEPTOR)
                .build();
    }
}
