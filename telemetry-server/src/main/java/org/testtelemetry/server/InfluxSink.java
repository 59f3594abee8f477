package org.testtelemetry.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;

/**
 * Optional second destination (off by default, {@code --influx-url}): each report the worker committed is also written
 * to InfluxDB as one line of line protocol. The URL names the API: {@code http://host:8086/write?db=telemetry} (1.x)
 * or {@code http://host:8086/api/v2/write?org=…&bucket=…} (2.x, 3.x); {@code --influx-token-file} is sent as
 * {@code Authorization: Token …}.
 *
 * <p>The primary store never waits for InfluxDB: {@link #offer} only appends to a bounded buffer that one
 * background thread sends in batches. While InfluxDB is down the thread retries with back-off and the buffer keeps
 * the newest {@value #CAPACITY} lines (older ones are dropped and counted); a line InfluxDB refuses as malformed
 * (400) is dropped with one warning.
 *
 * <p>Tags are the run's environment (Java major version and vendor, OS, arch, CI, build tool, adapter) and the
 * project when it was sent in clear; fields are the metrics. The timestamp is the report's {@code createdAt} in
 * nanoseconds, with the sub-millisecond digits taken from the report id, so two runs in the same millisecond with
 * the same tags still are two points (InfluxDB overwrites a point with the same series and time).
 */
final class InfluxSink implements AutoCloseable {

    static final int CAPACITY = 100_000;
    private static final int BATCH = 5_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_BACKOFF_MS = 30_000;

    private final URI url;
    private final String token;
    private final HttpClient http;
    private final ArrayDeque<String> buffer = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long dropped;
    private boolean failing;

    private InfluxSink(URI url, String token) {
        this.url = url;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.thread = new Thread(this::loop, "telemetry-influx");
        thread.setDaemon(true);
    }

    /** The sink for {@code --influx-url}, started; null when the option is not set. */
    static InfluxSink start(String url, Path tokenFile) {
        if (url == null) {
            return null;
        }
        InfluxSink sink = new InfluxSink(writeUri(url), token(tokenFile));
        sink.thread.start();
        return sink;
    }

    /** Checks the URL and asks for nanosecond timestamps ({@code precision=n} on 1.x, {@code ns} on 2.x). */
    static URI writeUri(String url) {
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath();
        boolean v2 = path.endsWith("/api/v2/write");
        if (!(uri.getScheme() != null && uri.getScheme().startsWith("http")) || !(v2 || path.endsWith("/write"))) {
            throw new IllegalArgumentException("--influx-url must be http(s)://host:port/write?db=<database> (1.x)"
                    + " or …/api/v2/write?org=<org>&bucket=<bucket> (2.x, 3.x), not " + url);
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        if (!query.contains("precision=")) {
            query = (query.isEmpty() ? "" : query + "&") + "precision=" + (v2 ? "ns" : "n");
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "?" + query);
    }

    private static String token(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("--influx-token-file: cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Queues the reports' lines; never blocks and never throws (the primary store is committed already). */
    void offer(List<Report> reports) {
        List<String> lines = new ArrayList<>(reports.size());
        for (Report r : reports) {
            try {
                lines.add(line(r));
            } catch (RuntimeException e) {
                System.err.println("telemetry-server: influx: report " + r.id() + " not written: " + e);
            }
        }
        synchronized (buffer) {
            for (String line : lines) {
                if (buffer.size() >= CAPACITY) {
                    buffer.pollFirst();
                    dropped++;
                }
                buffer.addLast(line);
            }
            buffer.notifyAll();
        }
    }

    private void loop() {
        long backoff = 250;
        while (running || !isEmpty()) {
            List<String> batch = new ArrayList<>();
            synchronized (buffer) {
                while (running && buffer.isEmpty()) {
                    try {
                        buffer.wait(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                for (int i = 0; i < BATCH && !buffer.isEmpty(); i++) {
                    batch.add(buffer.pollFirst());
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            String error = send(batch);
            if (error == null) {
                if (failing) {
                    System.err.println("telemetry-server: influx: writing again" + droppedNote());
                }
                failing = false;
                backoff = 250;
                continue;
            }
            if (!failing) {
                System.err.println("telemetry-server: influx: " + error + "; retrying (reports are stored as usual)");
            }
            failing = true;
            if (!running) {
                return; // closing: the store has every report; InfluxDB misses these
            }
            synchronized (buffer) { // back to the front, in order, keeping the newest within capacity
                for (int i = batch.size() - 1; i >= 0; i--) {
                    if (buffer.size() >= CAPACITY) {
                        dropped++;
                        continue;
                    }
                    buffer.addFirst(batch.get(i));
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
    }

    private boolean isEmpty() {
        synchronized (buffer) {
            return buffer.isEmpty();
        }
    }

    private String droppedNote() {
        synchronized (buffer) {
            return dropped == 0 ? "" : " (" + dropped + " lines were dropped while it was unreachable)";
        }
    }

    /** Null when written (or refused as malformed, which no retry fixes); else what went wrong. */
    private String send(List<String> batch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", batch) + "\n", StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return null;
            }
            String body = response.body().length() > 200 ? response.body().substring(0, 200) : response.body();
            if (response.statusCode() == 400) {
                System.err.println("telemetry-server: influx: " + batch.size() + " lines refused (400): " + body.strip());
                return null;
            }
            return "HTTP " + response.statusCode() + " " + body.strip();
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** One report as a line of InfluxDB line protocol (measurement {@code test_run}). */
    static String line(Report r) {
        StringBuilder b = new StringBuilder("test_run");
        Environment env = r.environment();
        tag(b, "java", env.java() == null ? null : ReadApi.javaMajor(env.java().version()));
        tag(b, "java_vendor", env.java() == null ? null : env.java().vendor());
        tag(b, "os", env.os() == null ? null : env.os().name());
        tag(b, "arch", env.arch());
        tag(b, "ci", env.ci() == null ? "none" : env.ci());
        tag(b, "build_tool", env.buildTool() == null ? null : env.buildTool().name());
        tag(b, "adapter", env.telemetry() == null ? null : env.telemetry().adapter());
        if (r.project().anonymized().id().equals("none")) {
            tag(b, "vendor", r.project().vendor());
            tag(b, "project", r.project().name());
        }
        Metrics m = r.metrics();
        Metrics.Tests t = m.tests();
        List<String> fields = new ArrayList<>();
        integer(fields, "tests_total", t.total());
        integer(fields, "tests_passed", t.passed());
        integer(fields, "tests_failed", t.failed());
        integer(fields, "tests_errored", t.errored());
        integer(fields, "tests_skipped", t.skipped());
        integer(fields, "tests_aborted", t.aborted());
        integer(fields, "tests_incomplete", t.incomplete());
        integer(fields, "tests_flaky", t.flaky());
        if (t.voidTests() != null) {
            integer(fields, "tests_void", t.voidTests());
        }
        integer(fields, "classes", m.classes());
        integer(fields, "methods", m.methods());
        integer(fields, "duration_ms", m.durationMs());
        integer(fields, "forks", m.forks());
        integer(fields, "exceptions", m.exceptions());
        if (m.memory() != null && m.memory().peakHeapBytes() != null) {
            integer(fields, "peak_heap_bytes", m.memory().peakHeapBytes());
        }
        if (m.assertions() != null) {
            integer(fields, "assertions_total", m.assertions().total());
        }
        if (m.coverage() != null) {
            ratio(fields, "coverage_line", m.coverage().line());
            ratio(fields, "coverage_branch", m.coverage().branch());
        }
        fields.add("report_id=\"" + r.id() + "\"");
        b.append(' ').append(String.join(",", fields)).append(' ').append(nanos(r));
        return b.toString();
    }

    /** createdAt in ns; a millisecond-precise time gets sub-millisecond digits from the id (unique per run). */
    static long nanos(Report r) {
        Instant at = r.createdAt();
        long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        if (at.getNano() % 1_000_000 == 0) {
            nanos += Math.floorMod(r.id().getLeastSignificantBits(), 1_000_000L);
        }
        return nanos;
    }

    private static void tag(StringBuilder b, String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        // line protocol: commas, spaces and equals signs in tag values are escaped with a backslash
        b.append(',').append(key).append('=').append(value.replace("\\", "\\\\").replace(",", "\\,")
                .replace(" ", "\\ ").replace("=", "\\=").replace("\n", "\\ "));
    }

    private static void integer(List<String> fields, String key, long value) {
        fields.add(key + "=" + value + "i");
    }

    private static void ratio(List<String> fields, String key, Metrics.Counter counter) {
        if (counter != null && counter.covered() + counter.missed() > 0) {
            fields.add(key + "=" + String.format(Locale.ROOT, "%.6f", counter.ratio()));
        }
    }

    /** Sends what is buffered (for up to 10 s), then stops. */
    @Override
    public void close() {
        running = false;
        synchronized (buffer) {
            buffer.notifyAll();
        }
        try {
            thread.join(TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
