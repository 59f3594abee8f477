package org.testtelemetry.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * The partial results that test JVMs leave in the Maven plugin's run directory ({@code telemetry.runDir})
 * instead of delivering a report themselves; the plugin reads them all back and merges them into one report.
 *
 * <p>Format: each launcher session of each JVM writes one file
 * {@code telemetry-partial-<pid>-<report id>.json} whose content is exactly the session's report JSON (schema
 * v1, already passed through the privacy guard): counts only, never test or class names. Everything a merge
 * needs is in it: the test counts (including {@code incomplete}: started but never finished), distinct
 * classes/methods of that JVM, {@code durationMs} and {@code createdAt} (its end), {@code peakHeapBytes},
 * in-process coverage when the JaCoCo agent was there, the frameworks and {@code forks = 1}. Files are
 * written with {@link AtomicFiles}, so a reader never sees half a file.
 *
 * <pre>{@code
 * PartialResults.write(runDir, report);                 // in a test JVM
 * List<Report> forks = PartialResults.readAll(runDir, log); // in the Maven plugin, after the tests
 * }</pre>
 */
public final class PartialResults {

    /** Every partial file's name starts with this. */
    public static final String PREFIX = "telemetry-partial-";
    /** Every partial file's name ends with this. */
    public static final String SUFFIX = ".json";

    private PartialResults() {
    }

    /**
     * Writes {@code report} as this JVM's partial result in {@code runDir} (created if needed), atomically.
     *
     * @return the file written
     * @throws IOException when the folder or file cannot be written (callers are fail-open)
     */
    public static Path write(Path runDir, Report report) throws IOException {
        Path target = runDir.resolve(PREFIX + ProcessHandle.current().pid() + "-" + report.id() + SUFFIX);
        AtomicFiles.write(target, ReportJson.writeBytes(report));
        return target;
    }

    /**
     * Every partial result in {@code runDir}, in file-name order. A missing folder is an empty list; a file
     * that is not a report is skipped with one warning line naming it.
     */
    public static List<Report> readAll(Path runDir, TelemetryLog log) {
        List<Path> files = new ArrayList<>();
        if (runDir == null || !Files.isDirectory(runDir)) {
            return List.of();
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runDir, PREFIX + "*" + SUFFIX)) {
            dir.forEach(files::add);
        } catch (IOException e) {
            log.warn("Test telemetry: cannot list the partial results in " + runDir + ": " + e.getMessage());
            return List.of();
        }
        files.sort(null);
        List<Report> reports = new ArrayList<>(files.size());
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                reports.add(ReportJson.read(in));
            } catch (IOException | RuntimeException e) {
                log.warn("Test telemetry: ignoring " + file + ": not a readable partial result ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return List.copyOf(reports);
    }
}
