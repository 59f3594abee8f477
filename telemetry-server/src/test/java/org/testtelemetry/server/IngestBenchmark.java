package org.testtelemetry.server;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
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
 * run: reports/s accepted, p50/p99/max latency, errors, the 202-to-visible p99 in the read API, and the CPU the
 * server and this driver spent per report (both share the machine's cores: the reader sees the server's share).
 *
 * <p>Every request body is built and gzipped before the clock starts, and each run begins with an unmeasured
 * warm-up at the same rate (JIT of server and driver, connections), after which the driver waits until the worker
 * has caught up, so the measured window starts from an empty inbox.
 *
 * <p>Run with {@code telemetry-server/bench/ingest.sh [rates] [seconds] [rounds] [postgres]}; rates may be a
 * comma list (a sweep). System properties: {@code bench.warmup} (seconds, default 10), {@code bench.stores}
 * (comma list of none, sqlite, postgres), {@code bench.java} (the server's java), {@code bench.jvmArgs} (extra
 * server JVM options, space separated), {@code bench.jfr} (a directory: JFR profile of each measured window).
 */
public final class IngestBenchmark {

    /** Threads with a keep-alive connection each; more requests in flight than this wait (and it shows). */
    private static final int SENDERS = Integer.getInteger("bench.connections", 128);
    /** For the read API only. HTTP/1.1: the default (HTTP/2) would try an h2c upgrade on each new connection. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4, IngestBenchmark::daemon))
            .build();
    /** Visibility probes poll on their own threads, never on the client's (a slow worker must not slow sending). */
    private static final ExecutorService PROBES = Executors.newFixedThreadPool(16, IngestBenchmark::daemon);
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int[] rates = Arrays.stream(args[1].split(",")).mapToInt(r -> Integer.parseInt(r.trim())).toArray();
        int seconds = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        boolean postgres = args.length > 4 && args[4].equals("postgres");
        int warmup = Integer.getInteger("bench.warmup", 10);
        List<String> stores = System.getProperty("bench.stores") != null
                ? List.of(System.getProperty("bench.stores").split(","))
                : postgres ? List.of("none", "sqlite", "postgres") : List.of("none", "sqlite");
        // PostgreSQL with fsync on (the tests' shared cluster runs without): a private cluster for this run
        TestPostgres pg = stores.contains("postgres") ? TestPostgres.start(true) : null;
        if (pg != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop)); // also when a run fails
        }
        System.out.printf(Locale.ROOT, "load average before: %s; server java: %s; warm-up %d s, measured %d s%n",
                loadAverage(), serverJava(), warmup, seconds);
        System.out.println("| run | store | offered/s | accepted/s | p50 ms | p99 ms | max ms | non-202 "
                + "| 202→visible p99 ms | server CPU µs/report | driver CPU µs/report | machine busy % |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int round = 1; round <= rounds; round++) {
            for (int rate : rates) {
                for (String store : stores) {
                    Path dir = Files.createTempDirectory("telemetry-bench");
                    List<String> options = new ArrayList<>(List.of("--port", "0", "--rate-limit", "0"));
                    switch (store) {
                        case "none" -> options.add("--no-store");
                        case "postgres" -> options.addAll(List.of("--store", pg.newDatabase()));
                        default -> { }
                    }
                    String jfr = System.getProperty("bench.jfr");
                    List<String> jvm = new ArrayList<>();
                    if (jfr != null) {
                        Files.createDirectories(Path.of(jfr));
                        jvm.add("-XX:StartFlightRecording=delay=" + (warmup + 2) + "s,duration=" + seconds
                                + "s,settings=profile,filename=" + Path.of(jfr).toAbsolutePath()
                                .resolve(store + "-" + rate + "-" + round + ".jfr"));
                    }
                    Process server = start(jar, dir, jvm, options);
                    try {
                        URI base = URI.create(readBase(server));
                        boolean stored = !store.equals("none");
                        long warmed = run(base, rate, warmup, false, server).accepted;
                        if (stored) {
                            awaitWorker(base, warmed);
                        }
                        Row row = run(base, rate, seconds, stored, server);
                        System.out.printf(Locale.ROOT,
                                "| %d | %s | %d | %.0f | %.1f | %.1f | %.1f | %d | %s | %.0f | %.0f | %.0f |%n",
                                round, store, rate, row.accepted / row.elapsedSeconds,
                                row.latency.getValueAtPercentile(50) / 1000.0,
                                row.latency.getValueAtPercentile(99) / 1000.0, row.latency.getMaxValue() / 1000.0,
                                row.errors, stored ? String.format(Locale.ROOT, "%.0f",
                                        row.visible.getValueAtPercentile(99) / 1000.0) : "–",
                                row.serverCpuNanos / 1000.0 / Math.max(1, row.sent),
                                row.driverCpuNanos / 1000.0 / Math.max(1, row.sent), row.machineBusy * 100);
                        System.out.println("  server CPU by thread: " + row.threadShares());
                    } finally {
                        server.destroy();
                        if (!server.waitFor(60, TimeUnit.SECONDS)) {
                            System.out.println("(the server did not stop within 60 s of SIGTERM: killed)");
                            server.destroyForcibly().waitFor();
                        }
                        delete(dir);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());
        System.exit(0);
    }

    record Row(long sent, long accepted, double elapsedSeconds, Histogram latency, long errors,
                       Histogram visible, long serverCpuNanos, long driverCpuNanos, double machineBusy,
               Map<String, Long> serverThreadTicks) {

        /** "name share%, …" of the server's CPU by thread group, the largest six. */
        String threadShares() {
            long sum = Math.max(1, serverThreadTicks.values().stream().mapToLong(Long::longValue).sum());
            StringBuilder line = new StringBuilder();
            serverThreadTicks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(6).forEach(e -> line.append(line.length() == 0 ? "" : ", ").append(String.format(
                            Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / sum)));
            return line.toString();
        }
    }

    /** One whole HTTP request (head and gzip body), built before the clock starts. */
    record Body(byte[] request, String probeProject) { }

    private static Row run(URI base, int rate, int seconds, boolean probes, Process server) throws Exception {
        long total = (long) rate * seconds;
        List<Body> bodies = bodies(base, total, rate, probes);
        System.gc(); // the bodies' garbage is not collected during the run
        return run(base, rate, total, server, i -> bodies.set(i, null), probes);
    }

    /**
     * Sends {@code total} requests at {@code rate}/s, the i-th from {@code request.apply(i)} (called when it is due),
     * and waits for every answer and visibility probe.
     */
    static Row run(URI base, int rate, long total, Process server, IntFunction<Body> request, boolean probes)
            throws Exception {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram visible = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<CompletableFuture<?>> probing = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch((int) total);
        BlockingQueue<Send> queue = new LinkedBlockingQueue<>();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < SENDERS; t++) {
            Thread sender = new Thread(() -> {
                Connection connection = new Connection(base);
                try {
                    while (true) {
                        Send send = queue.take();
                        int status = connection.exchange(send.body.request);
                        long done = System.nanoTime();
                        synchronized (latency) {
                            latency.recordValue(Math.max(1, (done - send.intended) / 1000));
                        }
                        if (status == 202) {
                            accepted.incrementAndGet();
                            if (send.body.probeProject != null) {
                                synchronized (probing) {
                                    probing.add(CompletableFuture.runAsync(() -> {
                                        long ns = waitVisible(base, send.body.probeProject, done);
                                        synchronized (visible) {
                                            visible.recordValue(Math.max(1, ns / 1000));
                                        }
                                    }, PROBES));
                                }
                            }
                        } else {
                            errors.incrementAndGet();
                        }
                        finished.countDown();
                    }
                } catch (InterruptedException e) {
                    connection.close();
                }
            }, "bench-sender-" + t);
            sender.setDaemon(true);
            sender.start();
            senders.add(sender);
        }
        long intervalNanos = 1_000_000_000L / rate;
        long[] machine0 = machineTicks();
        Map<String, Long> threads0 = threadTicks(server.pid());
        long serverCpu0 = cpuNanos(server);
        long driverCpu0 = OS.getProcessCpuTime();
        long start = System.nanoTime();
        // Open loop: every request is due at start + i * interval and its latency counts from then, also while it
        // waits for a free sender. The dispatcher wakes about every 0.5 ms and queues all that are due.
        for (int i = 0; i < total; ) {
            long now = System.nanoTime();
            for (; i < total && start + i * intervalNanos <= now; i++) {
                queue.add(new Send(request.apply(i), start + i * intervalNanos));
            }
            if (i < total) {
                LockSupport.parkNanos(Math.min(500_000, start + i * intervalNanos - now));
            }
        }
        if (!finished.await(120, TimeUnit.SECONDS)) {
            System.out.println("(" + finished.getCount() + " requests had no answer after 120 s)");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long serverCpu = cpuNanos(server) - serverCpu0;
        long driverCpu = OS.getProcessCpuTime() - driverCpu0;
        long[] machine1 = machineTicks();
        Map<String, Long> threads1 = threadTicks(server.pid());
        threads1.replaceAll((name, ticks) -> ticks - threads0.getOrDefault(name, 0L));
        senders.forEach(Thread::interrupt);
        synchronized (probing) {
            CompletableFuture.allOf(probing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
        double busy = 1.0 - (double) (machine1[1] - machine0[1]) / Math.max(1, machine1[0] - machine0[0]);
        return new Row(total, accepted.get(), elapsed, latency, errors.get(), visible, serverCpu, driverCpu, busy,
                threads1);
    }

    private record Send(Body body, long intended) { }

    /**
     * One keep-alive HTTP/1.1 connection with blocking I/O: writes a request built before the run, reads the
     * status and skips the body (Content-Length). A load generator's client, like wrk's: a few microseconds of CPU
     * per request, so the driver takes little of the cores it shares with the server.
     */
    private static final class Connection {
        private final URI base;
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[8192];

        Connection(URI base) {
            this.base = base;
        }

        /** The status code, or -1 when the exchange failed (the connection is then opened again). */
        int exchange(byte[] request) {
            try {
                if (socket == null) {
                    socket = new Socket(base.getHost(), base.getPort());
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout(30_000);
                    in = socket.getInputStream();
                    out = socket.getOutputStream();
                }
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException | RuntimeException e) {
                close();
                return -1;
            }
        }

        private int readResponse() throws IOException {
            int filled = 0;
            int headerEnd;
            while ((headerEnd = indexOfBlankLine(buffer, filled)) < 0) {
                int n = in.read(buffer, filled, buffer.length - filled);
                if (n < 0 || filled + n == buffer.length) {
                    throw new IOException("no response head");
                }
                filled += n;
            }
            String head = new String(buffer, 0, headerEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = -1;
            boolean closes = false;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = line.substring(colon + 1).trim();
                    if (name.equals("content-length")) {
                        length = Integer.parseInt(value);
                    } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                        closes = true;
                    }
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length");
            }
            long remaining = length - (filled - headerEnd - 4);
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("truncated body");
                }
                remaining -= n;
            }
            if (closes) {
                close();
            }
            return status;
        }

        private static int indexOfBlankLine(byte[] b, int filled) {
            for (int i = 3; i < filled; i++) {
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                    return i - 3;
                }
            }
            return -1;
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // gone already
                }
                socket = null;
            }
        }
    }

    /** The run's requests, built before the clock starts; five of them per second are visibility probes. */
    private static List<Body> bodies(URI base, long total, int rate, boolean probes) throws IOException {
        List<Body> bodies = new ArrayList<>((int) total);
        String probeProject = "probe-" + System.nanoTime();
        for (long i = 0; i < total; i++) {
            bodies.add(body(base, probes && i % Math.max(1, rate / 5) == 0 ? probeProject + "-" + i : null));
        }
        return bodies;
    }

    /** One whole request with a new report; a probe (its own project, counted in the read API) when named. */
    static Body body(URI base, String probeProject) {
        Report report = probeProject != null ? ReportBuilder.create(SampleReports.environment(null, null, List.of()),
                new Project("bench", probeProject, Anonymization.NONE)).metrics(SampleReports.fullMetrics()).build()
                : ReportBuilder.create(SampleReports.environment(null, "github-actions", List.of()),
                new Project("bench", "load", Anonymization.NONE)).metrics(SampleReports.fullMetrics()).build();
        byte[] gzip = gzip(ReportJson.writeBytes(report));
        byte[] head = ("POST /api/v1/reports HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nIdempotency-Key: "
                + report.id() + "\r\nContent-Length: " + gzip.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(head, head.length + gzip.length);
        System.arraycopy(gzip, 0, request, head.length, gzip.length);
        return new Body(request, probeProject);
    }

    /** Waits (at most a minute) until the read API counts every report accepted so far: an empty inbox. */
    private static void awaitWorker(URI base, long accepted) throws Exception {
        HttpRequest summary = HttpRequest.newBuilder(base.resolve("/api/v1/summary?vendor=bench"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String body = HTTP.send(summary, HttpResponse.BodyHandlers.ofString()).body();
            if (body.startsWith("{\"runs\":" + accepted + ",")) {
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("(the worker had not caught up with the warm-up after 60 s)");
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
                Thread.sleep(20); // a ±20 ms resolution for a 1 s target, and little load on the server
            } catch (IOException | InterruptedException e) {
                return TimeUnit.SECONDS.toNanos(30);
            }
        }
        return TimeUnit.SECONDS.toNanos(30);
    }

    static long cpuNanos(Process process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU ticks of each thread group of a process (thread names without their numbers), from /proc. */
    static Map<String, Long> threadTicks(long pid) {
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("(#\\d+|-\\d+.*)$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return ticks;
    }

    /** {total, idle} jiffies of all cores from /proc/stat (zeros where there is none). */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", OS.getSystemLoadAverage());
        }
    }

    private static String serverJava() {
        return System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static Process start(Path jar, Path dir, List<String> jvm, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(serverJava(), "-Xmx512m"));
        String extra = System.getProperty("bench.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(jvm);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(options);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    static String readBase(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            int at = line.indexOf("listening on ");
            if (at >= 0) {
                String base = line.substring(at + "listening on ".length()).split(" ")[0];
                Thread drain = new Thread(() -> {
                    try {
                        for (String more; (more = out.readLine()) != null; ) {
                            if (more.contains("telemetry-server: ") && !more.contains("stopp")) {
                                System.out.println("(server) " + more); // a worker or store error
                            }
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

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "bench");
        t.setDaemon(true);
        return t;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
