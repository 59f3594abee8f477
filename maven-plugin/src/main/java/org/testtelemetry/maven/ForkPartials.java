package org.testtelemetry.maven;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.run.PartialResults;

/**
 * The run directories handed to test JVMs ({@code telemetry.runDir}, one per execution under the module's
 * {@code target/telemetry-run}): the partial results they leave there are read back with core's
 * {@link PartialResults}; the ones of an earlier build are removed first.
 */
final class ForkPartials {

    private ForkPartials() {
    }

    /** Removes partial results of an earlier build (in the run root and its execution folders). */
    static void clear(Path runRoot, TelemetryLog log) {
        if (!Files.isDirectory(runRoot)) {
            return;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runRoot)) {
            for (Path entry : dir) {
                if (Files.isDirectory(entry)) {
                    clearFiles(entry);
                }
            }
            clearFiles(runRoot);
        } catch (IOException | RuntimeException e) {
            log.debug("Test telemetry: cannot clear " + runRoot + ": " + e);
        }
    }

    private static void clearFiles(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "telemetry-*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }
}
