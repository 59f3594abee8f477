package org.testtelemetry.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up benchmark (not a test): runs {@code java -jar telemetry-server.jar} as a child process, paired A B A B
 * (a fresh data directory, then one that already holds the migrated database), and prints per run the time from
 * process start to the printed "listening on" line and to the first 200 from {@code GET /ready} (polled every
 * 2 ms on a fixed free port), then the medians per kind. The clock starts just before the process is forked, so
 * JVM start-up counts.
 *
 * <p>Run with {@code telemetry-server/bench/startup.sh [pairs]}. System properties: {@code bench.reference} (a
 * second jar, e.g. main's, run alternately with this one), {@code bench.java} (the server's java),
 * {@code bench.jvmArgs} (extra server JVM options, space separated).
 */
public final class StartupBenchmark {

    private StartupBenchmark() {
    }

    private record Run(String kind, double listeningMs, double readyMs, String selfReported) { }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int pairs = Integer.parseInt(args[1]);
        String referenceJar = System.getProperty("bench.reference");
        // name -> jar: the jar under test, and the reference (e.g. main's) measured in the same run when given
        Map<String, Path> jars = new LinkedHashMap<>();
        if (referenceJar != null) {
            jars.put("reference", Path.of(referenceJar).toAbsolutePath());
        }
        jars.put("this", jar);
        Map<String, Path> existing = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> j : jars.entrySet()) {
                Path dir = Files.createTempDirectory("telemetry-startup-existing");
                existing.put(j.getKey(), dir);
                once(j.getValue(), dir, "existing"); // creates and migrates the database: not measured
            }
            System.out.printf(Locale.ROOT, "load average before: %s; server java: %s %s%n",
                    IngestBenchmark.loadAverage(), System.getProperty("bench.java", "java (driver's)"),
                    System.getProperty("bench.jvmArgs", ""));
            System.out.println("| run | jar | data dir | to \"listening\" ms | to first 200 /ready ms | server says |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            List<Run> runs = new ArrayList<>();
            for (int i = 1; i <= pairs; i++) {
                for (String kind : List.of("fresh", "existing")) {
                    for (Map.Entry<String, Path> j : jars.entrySet()) { // A B A B: reference, then this jar
                        Path fresh = Files.createTempDirectory("telemetry-startup-fresh");
                        try {
                            Run run = once(j.getValue(), kind.equals("fresh") ? fresh : existing.get(j.getKey()),
                                    j.getKey() + " " + kind);
                            runs.add(run);
                            System.out.printf(Locale.ROOT, "| %d | %s | %s | %.0f | %.0f | %s |%n", i, j.getKey(),
                                    kind, run.listeningMs, run.readyMs, run.selfReported);
                        } finally {
                            IngestBenchmark.delete(fresh);
                        }
                    }
                }
            }
            System.out.println();
            System.out.println("| jar | data dir | runs | median to \"listening\" ms | median to first 200 /ready ms |");
            System.out.println("| --- | --- | --- | --- | --- |");
            for (String kind : List.of("fresh", "existing")) {
                for (String name : jars.keySet()) {
                    List<Run> of = runs.stream().filter(r -> r.kind.equals(name + " " + kind)).toList();
                    System.out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f |%n", name, kind, of.size(),
                            median(of.stream().mapToDouble(Run::listeningMs).toArray()),
                            median(of.stream().mapToDouble(Run::readyMs).toArray()));
                }
            }
            System.out.printf(Locale.ROOT, "load average after: %s%n", IngestBenchmark.loadAverage());
        } finally {
            for (Path dir : existing.values()) {
                IngestBenchmark.delete(dir);
            }
        }
    }

    private static Run once(Path jar, Path dataDir, String kind) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path cwd = Files.createTempDirectory("telemetry-startup-cwd");
        long start = System.nanoTime();
        Process server = IngestBenchmark.start(jar, cwd, List.of(), List.of("--port", Integer.toString(port),
                "--data-dir", dataDir.toString()));
        try {
            double[] listening = {-1};
            String[] line = {""};
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = out.readLine()) != null; ) {
                        if (listening[0] < 0 && l.contains("listening on ")) {
                            synchronized (listening) {
                                listening[0] = (System.nanoTime() - start) / 1e6;
                                line[0] = l;
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            double ready = -1;
            while (System.nanoTime() < deadline && server.isAlive()) {
                if (readyAnswers200(port)) {
                    ready = (System.nanoTime() - start) / 1e6;
                    break;
                }
                Thread.sleep(2);
            }
            if (ready < 0) {
                throw new IllegalStateException("the server was not ready within 60 s");
            }
            while (listening[0] < 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            synchronized (listening) {
                int at = line[0].indexOf("ready in ");
                return new Run(kind, listening[0], ready, at < 0 ? "?" : line[0].substring(at, line[0].indexOf(')', at)));
            }
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
            IngestBenchmark.delete(cwd);
        }
    }

    /** One raw HTTP/1.1 GET /ready; false while nothing listens or the answer is not 200. */
    private static boolean readyAnswers200(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /ready HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
