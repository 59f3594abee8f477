package org.testtelemetry.core.run;

import java.util.concurrent.atomic.AtomicBoolean;
import org.testtelemetry.core.TelemetryLog;

/**
 * Turns any problem inside telemetry into one warning line, so a test run's results never change because of
 * telemetry. Only {@link VirtualMachineError}s (out of memory, stack overflow) are rethrown: the JVM is
 * failing and hiding that would be worse. After the first warning, later ones go to DEBUG so a per-test fault
 * cannot flood the build output.
 *
 * <pre>{@code
 * FailOpen guard = new FailOpen(log);
 * try {
 *     recorder.testStarted();
 * } catch (Throwable t) {
 *     guard.swallow("counting a test", t);
 * }
 * }</pre>
 */
public final class FailOpen {

    private final TelemetryLog log;
    private final AtomicBoolean warned = new AtomicBoolean();

    public FailOpen(TelemetryLog log) {
        this.log = log;
    }

    /**
     * Reports {@code problem} and returns normally, unless it is a {@link VirtualMachineError}.
     *
     * @param doing what telemetry was doing, e.g. "writing the partial result"
     */
    public void swallow(String doing, Throwable problem) {
        if (problem instanceof VirtualMachineError vmError) {
            throw vmError;
        }
        String line = "Test telemetry: skipped after an internal problem while " + doing + ": "
                + problem.getClass().getName() + " (test results are not affected)";
        try {
            if (warned.compareAndSet(false, true)) {
                log.warn(line);
            } else {
                log.debug(line);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // a broken log must not break the run either
        }
    }
}
