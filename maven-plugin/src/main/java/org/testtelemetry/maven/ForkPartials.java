package org.testtelemetry.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.report.Report;
import org.testtelemetry.core.report.ReportJson;

/**
 * The run directory handed to test JVMs ({@code telemetry.runDir}) and the partial results they leave there:
 * one {@code telemetry-partial-*.json} report per JVM session, written by the in-JVM adapters.
 * TODO(lead): replace read() by core's PartialResults.readAll once the JUnit adapter's run package is merged.
 */
final class ForkPartials {

    static final String PREFIX = "telemetry-partial-";
    static final String SUFFIX = ".json";

    private ForkPartials() {
    }

    /** Removes partial results of an earlier build, so they cannot be merged into this one. */
    static void clear(Path runDir, TelemetryLog log) {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runDir, PREFIX + "*")) {
            for (Path file : dir) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Test telemetry: cannot clear " + runDir + ": " + e);
        }
    }

    /** Every partial result in {@code runDir}; an unreadable one is skipped with one warning line. */
    static List<Report> read(Path runDir, TelemetryLog log) {
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
        List<Report> reports = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                reports.add(ReportJson.read(in));
            } catch (IOException | RuntimeException e) {
                log.warn("Test telemetry: ignoring " + file.getFileName() + ": not a readable partial result ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return reports;
    }
}
