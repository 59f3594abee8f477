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

class AtomicFilesTest {

    @TempDir
    Path temp;

    private String[] names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void writesTheWholeContentCreatingParentsAndReplacingAnOldFile() throws IOException {
        Path target = temp.resolve("a/b/report.json");

        AtomicFiles.write(target, "first".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "second, longer".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("second, longer");
        assertThat(names(target.getParent())).containsExactly("report.json");
    }

    @Test
    void aTempFileLeftByAKilledProcessIsReusedNotMultiplied() throws IOException {
        Path target = temp.resolve("report.json");
        Files.writeString(temp.resolve(".report.json" + AtomicFiles.TEMP_SUFFIX), "half a rep");

        AtomicFiles.write(target, "whole".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("whole");
        assertThat(names(temp)).containsExactly("report.json");
    }

    @Test
    void aFailedWriteThrowsAndLeavesNeitherTargetNorTempFile() throws IOException {
        Path target = temp.resolve("report.json");
        Files.createDirectories(target); // a directory is in the way: the rename cannot replace it

        assertThatThrownBy(() -> AtomicFiles.write(target, "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(names(temp)).containsExactly("report.json");
        assertThat(target).isDirectory();
    }

    @Test
    void aParentThatIsAFileIsAnIOExceptionWithTheOperatingSystemsReason() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");

        assertThatThrownBy(() -> AtomicFiles.write(file.resolve("report.json"), new byte[1]))
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
