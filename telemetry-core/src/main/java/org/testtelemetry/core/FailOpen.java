package org.testtelemetry.core;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The one fail-open rule of this library: a problem inside telemetry never changes a test result or a build.
 * Anything thrown becomes a value or one warning line, except a {@link VirtualMachineError} (out of memory,
 * stack overflow), which is always rethrown: the JVM is failing and hiding that would be worse.
 *
 * <p>Every warning has one format, {@code Test telemetry: <what> failed: <exception class> (test results and
 * the build are not affected)}; the exception's message (which may name files or hosts) and its stack trace go
 * to DEBUG only. A guard warns once; later problems go to DEBUG, so a per-test fault cannot flood the output.
 * A log that throws is ignored.
 *
 * <pre>{@code
 * FailOpen guard = new FailOpen(log);
 * try {
 *     recorder.testStarted();
 * } catch (Throwable t) {
 *     guard.swallow("counting a test", t);
 * }
 * SendResult result = FailOpen.call(() -> sender.send(json), t -> SendResult.failed(FailOpen.describe(t)));
 * }</pre>
 */
@API(status = MAINTAINED)
public final class FailOpen {

    private static final String UNAFFECTED = " (test results and the build are not affected)";

    private final TelemetryLog log;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** A guard whose first warning goes to {@code log} at WARN, every later one at DEBUG. */
    public FailOpen(TelemetryLog log) {
        this.log = log;
    }

    /**
     * Reports {@code problem} and returns normally, unless it is a {@link VirtualMachineError}.
     *
     * @param what what telemetry was doing, e.g. "finishing the report" (the line says "... failed")
     */
    public void swallow(String what, Throwable problem) {
        rethrowIfFatal(problem);
        String line = warning(what, problem);
        boolean first = warned.compareAndSet(false, true);
        quietly(() -> {
            if (first) {
                log.warn(line);
            } else {
                log.debug(line);
            }
            log.debug("Test telemetry: " + what + " failed: " + stackTrace(problem));
        });
    }

    /** The one warning line for {@code problem}: what failed and the exception's class, nothing else. */
    public static String warning(String what, Throwable problem) {
        return "Test telemetry: " + what + " failed: " + (problem == null ? "unknown problem" : problem.getClass().getName())
                + UNAFFECTED;
    }

    /** Runs {@code action}; returns {@code onFailure}'s value for anything it throws, except VM errors. */
    public static <T> T call(Supplier<T> action, Function<Throwable, T> onFailure) {
        try {
            return action.get();
        } catch (Throwable t) {
            rethrowIfFatal(t);
            return onFailure.apply(t);
        }
    }

    /** Runs {@code action}, dropping anything it throws except VM errors (for logging that must not fail). */
    public static void quietly(Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            rethrowIfFatal(t);
        }
    }

    /**
     * Rethrows {@code t} when it is a {@link VirtualMachineError}; restores the thread's interrupt flag when it
     * is an {@link InterruptedException}, so a swallowed interrupt is not lost.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError fatal) {
            throw fatal;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** A short, path-free description of an unexpected failure, e.g. {@code IllegalStateException: boom}. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + firstLine(message, 160);
    }

    /** The first non-blank line of {@code text}, without control characters, at most {@code max} characters. */
    public static String firstLine(String text, int max) {
        if (text == null) {
            return "";
        }
        for (String line : text.split("\\R")) {
            String clean = line.replaceAll("\\p{Cntrl}", " ").strip();
            if (!clean.isEmpty()) {
                return clean.length() <= max ? clean : clean.substring(0, max - 1) + "…";
            }
        }
        return "";
    }

    /** {@code t}'s stack trace as text, for DEBUG lines only. */
    public static String stackTrace(Throwable t) {
        if (t == null) {
            return "unknown problem";
        }
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString().stripTrailing();
    }
}
