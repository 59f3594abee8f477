package org.testtelemetry.core.coverage;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apiguardian.api.API;
import org.jacoco.core.data.ExecutionDataStore;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.report.Metrics;

/**
 * JaCoCo coverage totals for a report: line, branch, instruction, method and complexity, each covered/missed, equal
 * number for number to the totals of JaCoCo's own report ({@code jacoco:report}'s jacoco.xml) for the same inputs.
 *
 * <pre>{@code
 * Metrics.Coverage coverage = CoverageReader.fromExecFiles(
 *         List.of(target.resolve("jacoco.exec"), target.resolve("jacoco-it.exec")),
 *         config.coverageClasses().isEmpty() ? List.of(target.resolve("classes")) : config.coverageClasses(),
 *         log);
 * // null: no JaCoCo in this build, or its data could not be read (then the log has one warning)
 * }</pre>
 *
 * <p>Several exec files (forks, unit and integration tests) merge by probe: a probe hit in any file is hit, never an
 * average. Classes are folders (searched recursively) and jars, found and filtered as JaCoCo's analyzer does: classes
 * never loaded count as missed, {@code module-info} and non-class files are ignored, lines shared by several classes
 * of one source file count once, and Kotlin inline-function code is credited to where it was written, as in JaCoCo's
 * report. Faults never throw:
 * <ul>
 *   <li>no exec file: null, silently (a build without JaCoCo is normal); likewise when none of the class folders
 *       and jars exists;</li>
 *   <li>an empty, truncated or corrupt exec file: one warning, null;</li>
 *   <li>classes rebuilt after the run (their ids differ from the exec data): one warning with their number; they
 *       count as missed, as in JaCoCo's report;</li>
 *   <li>one class name with two different contents (multi-release jars, a class both in a folder and a jar), where
 *       JaCoCo's report fails: the copy the exec data saw is counted, else the first found outside
 *       {@code META-INF/versions/}; one warning when they are not all multi-release variants;</li>
 *   <li>unreadable class files or archives: skipped, one warning.</li>
 * </ul>
 * Analysis streams: each class is reduced to its counters as soon as it is analysed, on all available cores.
 */
@API(status = MAINTAINED)
public final class CoverageReader {

    private CoverageReader() {
    }

    /**
     * Totals from one or more {@code .exec} files over the given class folders and jars.
     *
     * @param execFiles exec files; those that do not exist are skipped
     * @param classes   class folders and jars (nested jars and folders are searched too)
     * @return the totals, or null when there is no exec file, one of them cannot be read, or no class folder/jar
     *         exists
     */
    public static Metrics.Coverage fromExecFiles(List<Path> execFiles, List<Path> classes, TelemetryLog log) {
        List<Path> existing = ExecutionDataLoader.existing(execFiles);
        if (existing.isEmpty()) {
            log.debug("Test telemetry: no JaCoCo exec file, so no coverage");
            return null;
        }
        ExecutionDataStore store;
        try {
            store = ExecutionDataLoader.load(existing);
        } catch (ExecutionDataLoader.UnreadableExecData e) {
            log.warn("Test telemetry: coverage left out, JaCoCo execution data is unreadable: " + e.getMessage());
            return null;
        }
        return analyze(store, classes, log);
    }

    /**
     * Totals from a JaCoCo agent running in this JVM ({@code -javaagent:jacocoagent.jar}), over the given class
     * folders and jars. The agent's data is read, not reset.
     *
     * @return the totals, or null without a started agent here
     */
    public static Metrics.Coverage fromRunningAgent(List<Path> classes, TelemetryLog log) {
        byte[] dump = RunningAgent.executionData();
        if (dump == null) {
            log.debug("Test telemetry: no JaCoCo agent in this JVM, so no coverage");
            return null;
        }
        ExecutionDataStore store;
        try {
            store = ExecutionDataLoader.load(dump, "the running JaCoCo agent");
        } catch (ExecutionDataLoader.UnreadableExecData e) {
            log.warn("Test telemetry: coverage left out, JaCoCo execution data is unreadable: " + e.getMessage());
            return null;
        }
        return analyze(store, classes, log);
    }

    /** Totals of merged execution data over the given classes; warns once per kind of problem found. */
    static Metrics.Coverage analyze(ExecutionDataStore store, List<Path> classes, TelemetryLog log) {
        return analyze(store, classes, log, ClassFileScanner.defaultThreads());
    }

    static Metrics.Coverage analyze(ExecutionDataStore store, List<Path> classes, TelemetryLog log, int threads) {
        if (classes == null || classes.stream().noneMatch(path -> path != null && Files.exists(path))) {
            // jacoco:report skips a module without classes too (e.g. pom packaging with the agent inherited).
            log.debug("Test telemetry: no class folder or jar to measure coverage on, so no coverage");
            return null;
        }
        CoverageTally tally = new CoverageTally(store);
        ClassFileScanner.Unreadable unreadable;
        try {
            unreadable = ClassFileScanner.scan(classes.stream().filter(java.util.Objects::nonNull).toList(), store, tally,
                    threads);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Test telemetry: coverage left out, its analysis was interrupted");
            return null;
        }
        if (unreadable.count() > 0) {
            log.warn("Test telemetry: coverage skips " + unreadable.count()
                    + " class file(s) or archive(s) that could not be read, e.g. " + unreadable.examples());
        }
        long mismatched = tally.mismatched();
        if (mismatched > 0) {
            log.warn("Test telemetry: " + mismatched + " class(es) do not match the JaCoCo execution data (rebuilt "
                    + "after the tests ran?); they count as not covered");
        }
        var conflicting = tally.conflicting();
        if (!conflicting.isEmpty()) {
            log.warn("Test telemetry: " + conflicting.size() + " class name(s) found twice with different content "
                    + "(e.g. " + conflicting.first().replace('/', '.') + "); coverage counts one copy of each");
        }
        log.debug("Test telemetry: coverage analysed " + tally.classes() + " classes ("
                + tally.multiReleaseVariants().size() + " with multi-release variants)");
        return tally.totals();
    }
}
