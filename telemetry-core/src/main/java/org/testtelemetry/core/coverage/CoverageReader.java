package org.testtelemetry.core.coverage;

import java.nio.file.Path;
import java.util.List;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.report.Metrics;

/**
 * JaCoCo coverage totals for a report. (Placeholder until the coverage issue: it measures nothing yet.)
 */
public final class CoverageReader {

    private CoverageReader() {
    }

    /** Totals from one or more {@code .exec} files over the given class folders/jars; null when unknown. */
    public static Metrics.Coverage fromExecFiles(List<Path> execFiles, List<Path> classes, TelemetryLog log) {
        return null;
    }

    /** Totals from a JaCoCo agent running in this JVM (looked up reflectively); null without an agent. */
    public static Metrics.Coverage fromRunningAgent(List<Path> classes, TelemetryLog log) {
        return null;
    }
}
