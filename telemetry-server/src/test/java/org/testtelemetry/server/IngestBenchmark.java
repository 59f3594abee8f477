package org.testtelemetry.server;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.HdrHistogram.Histogram;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.report.SampleReports;

/**
 * Fixed-arrival-rate ingest benchmark (not a test): starts the server jar as a child process per store (no store =
 * the ceiling, SQLite, PostgreSQL with fsync on), sends gzip reports at a fixed rate from 127.0.0.1 (open loop:
 * latency counts from the intended send time, so a stalled server is not hidden), and prints one table row per
 * run: reports/s accepted, p50/p99/max latency, errors, and the 202-to-visible p99 in the read API.
 *
 * <p>Run with {@code telemetry-server/bench/ingest.sh [rate] [seconds] [rounds] [postgres]}.
 */
public final class IngestBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(16)).build();

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        boolean postgres = args.length > 4 && args[4].equals("postgres");
        // PostgreSQL with fsync on (the tests' shared cluster runs without): a private cluster for this run
        TestPostgres pg = postgres ? TestPostgres.start(true) : null;
        if (pg != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop)); // also when a run fails
        }
        System.out.println("| run | store | offered/s | accepted/s | p50 ms | p99 ms | max ms | non-202 | 202→visible p99 ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int round = 1; round <= rounds; round++) {
            for (String store : pg == null ? List.of("none", "sqlite") : List.of("none", "sqlite", "postgres")) {
                Path dir = Files.createTempDirectory("telemetry-bench");
                List<String> options = new ArrayList<>(List.of("--port", "0", "--rate-limit", "0"));
                switch (store) {
                    case "none" -> options.add("--no-store");
                    case "postgres" -> options.addAll(List.of("--store", pg.newDatabase()));
                    default -> { }
                }
                Process server = start(jar, dir, options);
                try {
                    URI base = URI.create(readBase(server));
                    run(base, rate, 3, null); // warm-up (JIT, connections), not measured
                    Row row = run(base, rate, seconds, store.equals("none") ? null : base);
                    System.out.printf(Locale.ROOT, "| %d | %s | %d | %.0f | %.1f | %.1f | %.1f | %d | %s |%n", round,
                            store, rate, row.acceptedPerSecond, row.latency.getValueAtPercentile(50) / 1000.0,
                            row.latency.getValueAtPercentile(99) / 1000.0, row.latency.getMaxValue() / 1000.0,
                            row.errors, row.visible == null ? "–" : String.format(Locale.ROOT, "%.0f",
                                    row.visible.getValueAtPercentile(99) / 1000.0));
                } finally {
                    server.destroy();
                    server.waitFor(60, TimeUnit.SECONDS);
                    delete(dir);
                }
            }
        }
        System.exit(0);
    }

    private record Row(double acceptedPerSecond, Histogram latency, long errors, Histogram visible) { }

    private static Row run(URI base, int rate, int seconds, URI readApi) throws Exception {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram visible = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        String probeProject = "probe-" + System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long now;
            while ((now = System.nanoTime()) < intended) {
                if (intended - now > 200_000) {
                    Thread.sleep(0, 100_000);
                }
            }
            boolean probe = readApi != null && i % (rate / 5) == 0; // five visibility probes per second
            Report report = probe ? ReportBuilder.create(SampleReports.environment(null, null, List.of()),
                    new Project("bench", probeProject + "-" + i, Anonymization.NONE))
                    .metrics(SampleReports.fullMetrics()).build()
                    : ReportBuilder.create(SampleReports.environment(null, "github-actions", List.of()),
                    new Project("bench", "load", Anonymization.NONE)).metrics(SampleReports.fullMetrics()).build();
            byte[] body = gzip(ReportJson.writeBytes(report));
            String project = probe ? probeProject + "-" + i : null;
            inFlight.add(HTTP.sendAsync(HttpRequest.newBuilder(base.resolve("/api/v1/reports"))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("Content-Encoding", "gzip").header("Idempotency-Key", report.id().toString())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).handle((r, e) -> {
                        long done = System.nanoTime();
                        latency.recordValue(Math.max(1, (done - intended) / 1000));
                        if (e == null && r.statusCode() == 202) {
                            accepted.incrementAndGet();
                            if (project != null) {
                                visible.recordValue(Math.max(1, waitVisible(base, project, done) / 1000));
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Row(accepted.get() / elapsed, latency, errors.get(), readApi == null ? null : visible);
    }

    /** Nanoseconds from the 202 until the read API counts the probe's run. */
    private static long waitVisible(URI base, String project, long acceptedAt) {
        HttpRequest summary = HttpRequest.newBuilder(base.resolve("/api/v1/summary?vendor=bench&project=" + project))
                .timeout(Duration.ofSeconds(10)).build();
        while (System.nanoTime() - acceptedAt < TimeUnit.SECONDS.toNanos(30)) {
            try {
                String body = HTTP.send(summary, HttpResponse.BodyHandlers.ofString()).body();
                if (body.startsWith("{\"runs\":1")) {
                    return System.nanoTime() - acceptedAt;
                }
                Thread.sleep(5);
            } catch (IOException | InterruptedException e) {
                return TimeUnit.SECONDS.toNanos(30);
            }
        }
        return TimeUnit.SECONDS.toNanos(30);
    }

    private static Process start(Path jar, Path dir, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(options);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    private static String readBase(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                String base = line.substring(at + "listening on ".length()).split(" ")[0];
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException ignored) {
                        // ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return base;
            }
        }
        throw new IllegalStateException("the server did not start: " + seen);
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
