package org.testtelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicFilesTest {

    @TempDir
    Path temp;

    private String[] names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    /** Both ways of writing: flushed to disk (reports) and not (a test JVM's partial result). */
    private static void write(boolean flushed, Path target, byte[] data) throws IOException {
        if (flushed) {
            AtomicFiles.write(target, data);
        } else {
            AtomicFiles.writeUnflushed(target, data);
        }
    }

    @ParameterizedTest(name = "flushed={0}")
    @ValueSource(booleans = {true, false})
    void writesTheWholeContentCreatingParentsAndReplacingAnOldFile(boolean flushed) throws IOException {
        Path target = temp.resolve("a/b/report.json");

        write(flushed, target, "first".getBytes(StandardCharsets.UTF_8));
        write(flushed, target, "second, longer".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("second, longer");
        assertThat(names(target.getParent())).containsExactly("report.json");
    }

    @ParameterizedTest(name = "flushed={0}")
    @ValueSource(booleans = {true, false})
    void aTempFileLeftByAKilledProcessIsReusedNotMultiplied(boolean flushed) throws IOException {
        Path target = temp.resolve("report.json");
        Files.writeString(temp.resolve(".report.json" + AtomicFiles.TEMP_SUFFIX), "half a rep");

        write(flushed, target, "whole".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("whole");
        assertThat(names(temp)).containsExactly("report.json");
    }

    @ParameterizedTest(name = "flushed={0}")
    @ValueSource(booleans = {true, false})
    void aFailedWriteThrowsAndLeavesNeitherTargetNorTempFile(boolean flushed) throws IOException {
        Path target = temp.resolve("report.json");
        Files.createDirectories(target.resolve("inside")); // a non-empty directory is in the way: no rename replaces it

        assertThatThrownBy(() -> write(flushed, target, "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(names(temp)).containsExactly("report.json");
        assertThat(target).isDirectory();
    }

    @ParameterizedTest(name = "flushed={0}")
    @ValueSource(booleans = {true, false})
    void aParentThatIsAFileIsAnIOExceptionWithTheOperatingSystemsReason(boolean flushed) throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> write(flushed, file.resolve("report.json"), new byte[1]))
                .isInstanceOf(FileSystemException.class)
                .satisfies(e -> assertThat(AtomicFiles.reason(e)).isNotBlank().doesNotContain(temp.toString()));
    }

    @Test
    void reasonsAreShortAndSayWhatHappened() {
        assertThat(AtomicFiles.reason(new FileSystemException("/x", null, "No space left on device")))
                .isEqualTo("No space left on device");
        assertThat(AtomicFiles.reason(new java.nio.file.AccessDeniedException("/x"))).isEqualTo("permission denied");
        assertThat(AtomicFiles.reason(new IOException("Disk quota exceeded\nmore"))).isEqualTo("Disk quota exceeded");
        assertThat(AtomicFiles.reason(new IllegalStateException("boom"))).isEqualTo("IllegalStateException: boom");
    }
}
