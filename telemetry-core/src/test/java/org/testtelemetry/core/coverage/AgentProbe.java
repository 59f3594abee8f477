package org.testtelemetry.core.coverage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.report.Metrics;

/**
 * Main class run under the JaCoCo agent: runs a sample program's main, then prints
 * {@link CoverageReader#fromRunningAgent} over the given class folders as one line ({@link #format}).
 * Usage: {@code AgentProbe <sample main class> <classes>...}
 */
public final class AgentProbe {

    private AgentProbe() {
    }

    public static void main(String[] args) throws Exception {
        Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        List<Path> classes = Arrays.stream(args).skip(1).map(Path::of).toList();
        Metrics.Coverage coverage = CoverageReader.fromRunningAgent(classes, TelemetryLog.stderr(false));
        System.out.println("coverage: " + format(coverage));
    }

    static String format(Metrics.Coverage c) {
        if (c == null) {
            return "null";
        }
        return "line=" + c.line() + " branch=" + c.branch() + " instruction=" + c.instruction() + " method="
                + c.method() + " complexity=" + c.complexity();
    }
}
