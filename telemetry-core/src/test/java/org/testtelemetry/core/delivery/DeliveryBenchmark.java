package org.testtelemetry.core.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.report.Report;

/**
 * Time {@link ReportDelivery#deliver} adds at the end of a run, against a healthy server on 127.0.0.1, a refused
 * connection, and a blackhole; prints a Markdown table. Not a test: run it by hand (see BENCHMARKS.md):
 * <pre>
 * ./mvnw -B -q -pl telemetry-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.testtelemetry.core.delivery.DeliveryBenchmark [-Dexec.args="200 5"]
 * </pre>
 */
public final class DeliveryBenchmark {

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cold")) {
            cold(args[1], Boolean.parseBoolean(args[2]));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int blackholeRuns = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path outbox = Files.createTempDirectory("bench-outbox");
        Path buildDir = Files.createTempDirectory("bench-build");
        TelemetryLog quiet = TelemetryLog.stream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                false);
        DeliveryContext context = new DeliveryContext(buildDir, null, java.util.Map.of(), java.util.Map.of());

        HttpServer healthy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        healthy.createContext("/api/v1/reports", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        healthy.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-server");
            t.setDaemon(true);
            return t;
        }));
        healthy.start();
        int refusedPort = DeliveryTestSupport.refusedPort();
        try (RawServer blackhole = new RawServer((socket, self) -> Thread.sleep(600_000))) {
            String healthyUrl = "http://127.0.0.1:" + healthy.getAddress().getPort();
            Configuration toHealthy = DeliveryTestSupport.config("telemetry.endpoint", healthyUrl,
                    "telemetry.writers", "http", "telemetry.outbox", outbox.toString());
            Configuration toRefused = DeliveryTestSupport.config("telemetry.endpoint",
                    "http://127.0.0.1:" + refusedPort, "telemetry.writers", "http",
                    "telemetry.outbox", outbox.toString());
            Configuration toBlackhole = DeliveryTestSupport.config("telemetry.endpoint", blackhole.url(),
                    "telemetry.writers", "http", "telemetry.outbox", outbox.toString());

            long[] cold = coldJvms(healthyUrl, false, blackholeRuns);
            long[] coldWarmedUp = coldJvms(healthyUrl, true, blackholeRuns);
            // Warm-up: what a test JVM that has run a suite looks like at its end.
            measure(runs, () -> ReportDelivery.deliver(DeliveryTestSupport.report(), toHealthy, quiet, context),
                    Status.SENT);
            long[] sent = measure(runs, () -> ReportDelivery.deliver(DeliveryTestSupport.report(), toHealthy,
                    quiet, context), Status.SENT);
            long[] refused = measure(runs, () -> {
                DeliveryResult r = ReportDelivery.deliver(DeliveryTestSupport.report(), toRefused, quiet, context);
                clear(outbox); // each run starts with an empty outbox, as the first failure would
                return r;
            }, Status.SAVED);
            long[] hole = measure(blackholeRuns, () -> {
                DeliveryResult r = ReportDelivery.deliver(DeliveryTestSupport.report(), toBlackhole, quiet, context);
                clear(outbox);
                return r;
            }, Status.SAVED);

            System.out.println("| case | runs | p50 ms | p90 ms | max ms | target |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | --- |");
            row("healthy server, first delivery in a fresh JVM", cold, "(none)");
            row("healthy server, fresh JVM that called warmUp() at session start", coldWarmedUp, "(none)");
            row("healthy server on 127.0.0.1", sent, "p50 <= 30 ms");
            row("connection refused (report kept in the outbox)", refused, "<= 50 ms");
            row("blackhole, budget " + toBlackhole.timeout().toMillis() + " ms", hole,
                    "<= " + (toBlackhole.timeout().toMillis() + 100) + " ms");
        } finally {
            healthy.stop(0);
        }
    }

    /** Fresh JVMs on this classpath, one delivery each: what a short test JVM pays at its end. */
    private static long[] coldJvms(String url, boolean warmUp, int runs) throws Exception {
        long[] micros = new long[runs];
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(javaBin, "-cp", classpath(),
                    DeliveryBenchmark.class.getName(), "cold", url, String.valueOf(warmUp))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("cold-us=(\\d+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no timing from the child JVM: " + out);
            }
            micros[i] = Long.parseLong(m.group(1));
        }
        return micros;
    }

    /** The classpath this class was loaded from (exec:java loads it in its own URLClassLoader). */
    private static String classpath() throws Exception {
        if (DeliveryBenchmark.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
            StringBuilder out = new StringBuilder();
            for (java.net.URL url : loader.getURLs()) {
                out.append(out.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(url.toURI()));
            }
            return out.toString();
        }
        return System.getProperty("java.class.path");
    }

    /** In a fresh JVM: optionally warm up as an adapter would at session start, then time one delivery. */
    private static void cold(String url, boolean warmUp) throws Exception {
        Path outbox = Files.createTempDirectory("bench-outbox");
        Configuration config = Configuration.load(new org.testtelemetry.core.config.ConfigInputs(java.util.Map.of(
                "telemetry.enabled", "true", "telemetry.endpoint", url, "telemetry.writers", "http",
                "telemetry.outbox", outbox.toString()), java.util.Map.of(), java.util.Map.of(), null,
                java.util.Map.of(), null));
        Report report = org.testtelemetry.report.ReportBuilder.create(
                org.testtelemetry.core.env.EnvironmentDetector.detect(java.util.Map.of(), java.util.Map.of(), "cli",
                        null),
                new org.testtelemetry.report.Project("0123456789abcdef0123456789abcdef",
                        "fedcba9876543210fedcba9876543210", org.testtelemetry.report.Anonymization.ALL)).build();
        if (warmUp) {
            ReportDelivery.startWarmUp().join(); // the test suite runs meanwhile
        }
        long start = System.nanoTime();
        DeliveryResult result = ReportDelivery.deliver(report, config, TelemetryLog.stream(System.err, false),
                new DeliveryContext(outbox, null, java.util.Map.of(), java.util.Map.of()));
        long micros = (System.nanoTime() - start) / 1000;
        System.out.println(result.status() == Status.SENT ? "cold-us=" + micros : "failed: " + result.line());
    }

    private static long[] measure(int runs, Supplier<DeliveryResult> delivery, Status expected) {
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            DeliveryResult result = delivery.get();
            micros[i] = (System.nanoTime() - start) / 1000;
            if (result.status() != expected) {
                throw new IllegalStateException("expected " + expected + " but got " + result.line());
            }
        }
        return micros;
    }

    private static void clear(Path outbox) {
        try (var files = Files.list(outbox)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void row(String name, long[] micros, String target) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s |%n", name, sorted.length,
                pct(sorted, 50), pct(sorted, 90), sorted[sorted.length - 1] / 1000.0, target);
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
