package org.testtelemetry.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Memory soak (not a test): the server jar (SQLite) under a sustained fixed arrival rate for some minutes; every
 * sample period it prints the rate and latency of that period, the live heap (after a full GC forced through
 * {@code jcmd GC.run}, read from the server's {@code -Xlog:gc}), the lowest heap after an ordinary GC in the
 * period, the process RSS, its thread count and the database files' size. A leak shows as a growing live heap.
 *
 * <p>Run with {@code telemetry-server/bench/soak.sh [rate=500] [minutes=10] [sample seconds=30]}.
 */
public final class SoakBenchmark {

    /** "GC(12) Pause Young (Normal) (G1 Evacuation Pause) 150M->30M(512M) 3.456ms" */
    private static final Pattern GC = Pattern.compile("GC\\((\\d+)\\) Pause (Young|Full|Remark|Cleanup)(.*?) "
            + "(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int rate = Integer.parseInt(args[1]);
        int minutes = Integer.parseInt(args[2]);
        int sample = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory("telemetry-soak");
        Path gcLog = dir.resolve("gc.log");
        Process server = IngestBenchmark.start(jar, dir, List.of("-Xlog:gc:file=" + gcLog),
                List.of("--port", "0", "--rate-limit", "0"));
        try {
            URI base = URI.create(IngestBenchmark.readBase(server));
            System.out.printf(Locale.ROOT, "load average before: %s; %d reports/s for %d min, -Xmx512m, SQLite%n",
                    IngestBenchmark.loadAverage(), rate, minutes);
            System.out.println("| t s | accepted/s | p99 ms | non-202 | 202→visible p99 ms | live heap MB (after full GC) "
                    + "| lowest heap after GC in period MB | RSS MB | threads | db+wal MB |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            String probeProject = "probe-" + System.nanoTime();
            long sent = 0;
            int gcSeen = 0;
            for (int t = sample; t <= minutes * 60; t += sample) {
                long first = sent;
                IngestBenchmark.Row row = IngestBenchmark.run(base, rate, (long) rate * sample, server,
                        i -> IngestBenchmark.body(base, i % Math.max(1, rate / 5) == 0
                                ? probeProject + "-" + (first + i) : null), true);
                sent += row.sent();
                List<long[]> gcs = gcs(gcLog, gcSeen);
                long lowest = gcs.stream().mapToLong(g -> g[1]).min().orElse(-1);
                gcSeen += gcs.size();
                jcmd(server.pid(), "GC.run");
                List<long[]> forced = gcs(gcLog, gcSeen);
                gcSeen += forced.size();
                long live = forced.isEmpty() ? -1 : forced.get(forced.size() - 1)[1];
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.1f | %d | %.0f | %d | %d | %d | %d | %.1f |%n", t,
                        row.accepted() / row.elapsedSeconds(), row.latency().getValueAtPercentile(99) / 1000.0,
                        row.errors(), row.visible().getValueAtPercentile(99) / 1000.0, live, lowest,
                        status(server.pid(), "VmRSS") / 1024, status(server.pid(), "Threads"),
                        size(dir.resolve("telemetry-data")) / 1e6);
            }
            System.out.printf(Locale.ROOT, "load average after: %s%n", IngestBenchmark.loadAverage());
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            IngestBenchmark.delete(dir);
        }
        System.exit(0);
    }

    /** {GC number, heap MB after} of the collections logged after the first {@code skip} ones. */
    private static List<long[]> gcs(Path log, int skip) throws IOException {
        List<long[]> all = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                all.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(5))});
            }
        }
        return all.subList(Math.min(skip, all.size()), all.size());
    }

    private static void jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        Thread.sleep(200); // the log line is written after the pause
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
