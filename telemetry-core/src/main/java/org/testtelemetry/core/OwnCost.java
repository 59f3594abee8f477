package org.testtelemetry.core;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apiguardian.api.API;

/**
 * The CPU telemetry itself uses in a test JVM, measured on the threads that run it: a benchmark instrument
 * ({@code bench/fork-jvm-cost.sh}), because a whole test JVM's CPU time varies by far more than the few milliseconds
 * measured here. With {@code -Dtelemetry.ownCost=<file>} each section's thread CPU time is added up and, when the
 * JVM exits, one line is appended to that file: microseconds spent in the assertion agent (start and every class it
 * looked at), the run's start, the framework's callbacks (tests, plans) and the run's end, then their total; then the
 * number of measured begin/end pairs and what one pair of clock reads adds to a section, in nanoseconds (the median of
 * empty pairs timed at exit). The instrument's own share of the total is about their product: two pairs per test
 * under the JUnit adapter, ≈ 6–7 ms of a 10,000-test JVM (BENCHMARKS.md, issue 15).
 * Covers what runs on the calling thread (class loading and verification of telemetry's classes included); not the
 * JIT or GC work it causes. Without the property each measure point reads one static final field.
 *
 * <pre>{@code
 * long began = OwnCost.begin();
 * ... telemetry's work ...
 * OwnCost.end(OwnCost.TESTS, began);
 * }</pre>
 */
@API(status = INTERNAL, consumers = {"org.testtelemetry.junit5", "org.testtelemetry.testng"})
public final class OwnCost {

    public static final int AGENT = 0;
    public static final int START = 1;
    public static final int TESTS = 2;
    public static final int END = 3;

    /** Whether this JVM measures; false unless {@code telemetry.ownCost} names a file. */
    public static final boolean ON = System.getProperty("telemetry.ownCost") != null;

    private OwnCost() {
    }

    /** The calling thread's CPU time in nanoseconds, or 0 when not measuring. */
    public static long begin() {
        return ON ? Meter.THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Adds the calling thread's CPU time since {@code began} to {@code section}. */
    public static void end(int section, long began) {
        if (ON) {
            Meter.SECTIONS.addAndGet(section, Meter.THREADS.getCurrentThreadCpuTime() - began);
            Meter.PAIRS.incrementAndGet();
        }
    }

    /** Loaded only when measuring: the management beans are not telemetry's cost. */
    private static final class Meter {
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        static final AtomicLongArray SECTIONS = new AtomicLongArray(4);
        static final AtomicLong PAIRS = new AtomicLong();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(Meter::write, "test-telemetry-own-cost"));
        }

        /** What an empty begin/end pair adds to a section: the median of 201, read warm at exit. */
        private static long clockPairNanos() {
            long[] pairs = new long[201];
            for (int i = 0; i < pairs.length; i++) {
                long began = THREADS.getCurrentThreadCpuTime();
                pairs[i] = THREADS.getCurrentThreadCpuTime() - began;
            }
            java.util.Arrays.sort(pairs);
            return pairs[pairs.length / 2];
        }

        private static void write() {
            long total = 0;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < SECTIONS.length(); i++) {
                line.append(SECTIONS.get(i) / 1_000).append(' ');
                total += SECTIONS.get(i);
            }
            line.append(total / 1_000).append(' ').append(PAIRS.get()).append(' ').append(clockPairNanos())
                    .append('\n');
            try {
                Files.write(Path.of(System.getProperty("telemetry.ownCost")),
                        line.toString().getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException e) {
                System.err.println("Test telemetry: own cost not written to "
                        + System.getProperty("telemetry.ownCost") + ": " + AtomicFiles.reason(e));
            }
        }
    }
}
