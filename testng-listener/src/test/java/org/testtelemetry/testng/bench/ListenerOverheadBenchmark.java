package org.testtelemetry.testng.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.testng.ITestNGListener;
import org.testng.ITestResult;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.run.TelemetryRun;
import org.testtelemetry.testng.TelemetryTestNGListener;

/**
 * Wall-clock cost of the TestNG adapter on {@link BenchmarkWorkload#TESTS} trivial tests, against the same run
 * without it and with Allure's TestNG listener as a reference. Modes are interleaved in one JVM, round after round,
 * so JIT warm-up and machine noise hit them alike; the table gives each mode's median and its overhead against the
 * baseline. Run with {@code ./mvnw -B -pl testng-listener -am -Pbenchmarks verify -DskipTests -DskipITs}
 * (see BENCHMARKS.md).
 */
public final class ListenerOverheadBenchmark {

    private static final String ALLURE_LISTENER = "io.qameta.allure.testng.AllureTestNg";
    /** The run's fixed cost alone (configuration, environment, identity, report, partial file), without tests. */
    private static final String LIFECYCLE = "telemetry start+finish only";

    private ListenerOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int warmups = Integer.getInteger("bench.warmups", 5);
        int rounds = Integer.getInteger("bench.rounds", 40);
        // Allure's listener is some ten times slower: measured every few rounds only, to keep the run short.
        int allureEvery = Integer.getInteger("bench.allureEvery", 8);
        Path work = Files.createTempDirectory("testng-bench");
        System.setProperty("telemetry.runDir", work.resolve("telemetry-run").toString());
        System.setProperty("telemetry.salt", "benchmark");
        System.setProperty("allure.results.directory", work.resolve("allure-results").toString());

        Map<String, List<Long>> times = new LinkedHashMap<>();
        List<String> modes = new ArrayList<>(List.of("baseline", "telemetry off", "telemetry on", LIFECYCLE));
        if (loadAllure() != null) {
            modes.add("allure-testng");
        } else {
            System.out.println("Allure's TestNG listener is not on the classpath: its column is left out.");
        }
        for (int round = -warmups; round < rounds; round++) {
            for (String mode : modes) {
                if (mode.equals("allure-testng") && Math.floorMod(round, allureEvery) != 0) {
                    continue;
                }
                long millis = run(mode);
                if (round >= 0) {
                    times.computeIfAbsent(mode, k -> new ArrayList<>()).add(millis);
                }
            }
        }
        print(times, warmups, rounds);
        printCallbackCost();
    }

    /**
     * The listener's own cost per test, without TestNG's noise: the real results of one run fed to an active listener
     * again and again. Times 10,000 plus the lifecycle's cost, this is what telemetry adds to a 10,000-test run.
     */
    private static void printCallbackCost() throws Exception {
        TestListenerAdapter results = new TestListenerAdapter();
        TestNG testng = newRun(results);
        testng.run();
        List<ITestResult> passed = results.getPassedTests();
        System.setProperty("telemetry.enabled", "true");
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 50; round++) {
            TelemetryTestNGListener listener = new TelemetryTestNGListener(quiet());
            listener.onExecutionStart();
            long start = System.nanoTime();
            for (ITestResult result : passed) {
                listener.onTestStart(result);
                listener.onTestSuccess(result);
            }
            best = Math.min(best, System.nanoTime() - start);
            listener.onExecutionFinish();
        }
        System.out.printf("%nListener callbacks alone: %.0f ns per test (best of 50 passes over %d real results),"
                + " %.2f ms per %d tests%n", (double) best / passed.size(), passed.size(), best / 1e6,
                BenchmarkWorkload.TESTS);
    }

    private static long run(String mode) throws Exception {
        if (mode.equals(LIFECYCLE)) {
            System.setProperty("telemetry.enabled", "true");
            long start = System.nanoTime();
            TelemetryRun.start("testng", Map.of(), "benchmark", quiet()).finish();
            return (System.nanoTime() - start) / 1_000_000;
        }
        TestListenerAdapter results = new TestListenerAdapter();
        TestNG testng = newRun(results);
        System.clearProperty("telemetry.enabled");
        switch (mode) {
            case "telemetry off" -> testng.addListener(new TelemetryTestNGListener(quiet()));
            case "telemetry on" -> {
                System.setProperty("telemetry.enabled", "true");
                testng.addListener(new TelemetryTestNGListener(quiet()));
            }
            case "allure-testng" -> testng.addListener(loadAllure());
            default -> {
            }
        }
        long start = System.nanoTime();
        testng.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (results.getPassedTests().size() != BenchmarkWorkload.TESTS) {
            throw new IllegalStateException(mode + ": " + results.getPassedTests().size() + " tests passed");
        }
        return millis;
    }

    /** A TestNG run of the workload with no listener but {@code results}: every mode adds its own. */
    private static TestNG newRun(TestListenerAdapter results) {
        TestNG testng = new TestNG(false);
        testng.setVerbose(0);
        testng.setOutputDirectory(System.getProperty("java.io.tmpdir"));
        testng.setTestClasses(new Class<?>[] {BenchmarkWorkload.class});
        testng.setListenersToSkipFromBeingWiredInViaServiceLoaders(
                TelemetryTestNGListener.class.getName(), ALLURE_LISTENER);
        testng.addListener(results);
        return testng;
    }

    private static ITestNGListener loadAllure() {
        try {
            return (ITestNGListener) Class.forName(ALLURE_LISTENER).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static TelemetryLog quiet() {
        return new TelemetryLog() {
            @Override
            public void info(String line) {
            }

            @Override
            public void warn(String line) {
                System.out.println(line);
            }
        };
    }

    private static void print(Map<String, List<Long>> times, int warmups, int rounds) {
        long baseline = median(times.get("baseline"));
        long baselineMin = min(times.get("baseline"));
        System.out.printf("%n%d TestNG tests per run, %d warm-up + %d measured rounds, modes interleaved, Java %s%n",
                BenchmarkWorkload.TESTS, warmups, rounds, Runtime.version());
        System.out.println("| mode | runs | median ms | vs baseline (median) | min ms | vs baseline (min) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        times.forEach((mode, list) -> System.out.printf("| %s | %d | %d | %+.1f%% | %d | %+.1f%% |%n", mode,
                list.size(), median(list), 100.0 * (median(list) - baseline) / baseline, min(list),
                100.0 * (min(list) - baselineMin) / baselineMin));
    }

    private static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
