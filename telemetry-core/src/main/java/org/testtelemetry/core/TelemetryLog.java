package org.testtelemetry.core;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.io.PrintStream;
import org.apiguardian.api.API;

/**
 * Where telemetry speaks to the user: one line per run at INFO, warnings on bad input, details at DEBUG.
 * Adapters pass their framework's or build tool's log; {@link #stderr} serves plain launchers.
 */
@API(status = MAINTAINED)
public interface TelemetryLog {

    void info(String line);

    void warn(String line);

    /** Details for whoever turned debugging on; the default drops them. */
    default void debug(String line) {
    }

    /** Prints to standard error; debug lines only when {@code debug} is true. */
    static TelemetryLog stderr(boolean debug) {
        return stream(System.err, debug);
    }

    /** Prints to {@code out}; debug lines only when {@code debug} is true. */
    static TelemetryLog stream(PrintStream out, boolean debug) {
        return new TelemetryLog() {
            @Override
            public void info(String line) {
                out.println(line);
            }

            @Override
            public void warn(String line) {
                out.println(line);
            }

            @Override
            public void debug(String line) {
                if (debug) {
                    out.println(line);
                }
            }
        };
    }
}
