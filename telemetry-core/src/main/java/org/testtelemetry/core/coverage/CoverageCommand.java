package org.testtelemetry.core.coverage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.testtelemetry.core.PeakHeap;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.report.Metrics;

/**
 * {@code java -jar telemetry-core.jar coverage --exec FILE[,FILE] --classes DIR|JAR[,...] [--stats]}: the coverage
 * totals a report would carry, one counter a line; {@code --stats} adds the time taken and the peak heap to stderr.
 *
 * <pre>
 * $ java -jar telemetry-core.jar coverage --exec target/jacoco.exec --classes target/classes
 * line covered=73 missed=20
 * branch covered=27 missed=12
 * ...
 * </pre>
 */
public final class CoverageCommand {

    private CoverageCommand() {
    }

    /** Runs the command; 0 with totals (or "no coverage"), 2 for a command line it cannot understand. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> exec = new ArrayList<>();
        List<Path> classes = new ArrayList<>();
        boolean stats = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--exec" -> {
                    if (i + 1 >= args.length) {
                        return usage(err);
                    }
                    paths(args[++i], exec);
                }
                case "--classes" -> {
                    if (i + 1 >= args.length) {
                        return usage(err);
                    }
                    paths(args[++i], classes);
                }
                case "--stats" -> stats = true;
                default -> {
                    return usage(err);
                }
            }
        }
        if (exec.isEmpty() || classes.isEmpty()) {
            return usage(err);
        }
        long start = System.nanoTime();
        Metrics.Coverage coverage = CoverageReader.fromExecFiles(exec, classes, TelemetryLog.stream(err, false));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        if (coverage == null) {
            out.println("no coverage");
        } else {
            print(out, "line", coverage.line());
            print(out, "branch", coverage.branch());
            print(out, "instruction", coverage.instruction());
            print(out, "method", coverage.method());
            print(out, "complexity", coverage.complexity());
        }
        if (stats) {
            err.printf("analysis_ms=%d peak_heap_mb=%d threads=%d%n", elapsedMs, Objects.requireNonNullElse(PeakHeap.bytes(), 0L) >> 20,
                    ClassFileScanner.defaultThreads());
        }
        return 0;
    }

    private static void print(PrintStream out, String name, Metrics.Counter counter) {
        out.println(name + " covered=" + counter.covered() + " missed=" + counter.missed());
    }

    private static void paths(String list, List<Path> into) {
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                into.add(Path.of(part.trim()));
            }
        }
    }

    private static int usage(PrintStream err) {
        err.println("Usage: coverage --exec FILE[,FILE...] --classes DIR|JAR[,DIR|JAR...] [--stats]");
        return 2;
    }
}
