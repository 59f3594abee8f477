package org.testtelemetry.core.delivery;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one guard every writer runs behind: any {@link Throwable} except a {@link VirtualMachineError} becomes a
 * value, so telemetry never changes the outcome of the user's build. A JVM that is out of memory or stack is
 * left to fail as it would without telemetry.
 */
final class FailOpen {

    private FailOpen() {
    }

    /** Runs {@code action}; returns {@code onFailure}'s value for anything it throws, except VM errors. */
    static <T> T call(Supplier<T> action, Function<Throwable, T> onFailure) {
        try {
            return action.get();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable t) {
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return onFailure.apply(t);
        }
    }

    /** Runs {@code action}, dropping anything it throws except VM errors (for logging that must not fail). */
    static void quietly(Runnable action) {
        call(() -> {
            action.run();
            return null;
        }, t -> null);
    }

    /** A short, path-free description of an unexpected failure, e.g. {@code IllegalStateException: boom}. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName().isEmpty() ? t.getClass().getName() : t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + firstLine(message, 160);
    }

    /** The first non-blank line of {@code text}, without control characters, at most {@code max} characters. */
    static String firstLine(String text, int max) {
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
}
