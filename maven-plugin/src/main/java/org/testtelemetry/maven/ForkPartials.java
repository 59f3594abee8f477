package org.testtelemetry.maven;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.run.PartialResults;

/**
 * The run directory handed to test JVMs ({@code telemetry.runDir}): the partial results they leave there are
 * read back with core's {@link PartialResults#readAll}; the ones of an earlier build are removed first.
 */
final class ForkPartials {

    private ForkPartials() {
    }

    /** Removes partial results of an earlier build, so they cannot be merged into this one. */
    static void clear(Path runDir, TelemetryLog log) {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runDir, PartialResults.PREFIX + "*")) {
            for (Path file : dir) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("Test telemetry: cannot clear " + runDir + ": " + e);
        }
    }
}
