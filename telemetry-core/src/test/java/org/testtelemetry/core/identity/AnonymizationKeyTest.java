package org.testtelemetry.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnonymizationKeyTest {

    @TempDir
    Path home;
    private final List<String> hints = new ArrayList<>();

    @Test
    void theSaltWhenSetIsTheKey() {
        assertThat(AnonymizationKey.resolve("ci-secret", home.resolve(".test-telemetry"), hints::add))
                .isEqualTo("ci-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(home.resolve(".test-telemetry")).doesNotExist();
        assertThat(hints).isEmpty();
    }

    @Test
    void aRandomKeyIsCreatedOnceWithOwnerOnlyPermissions() throws Exception {
        Path state = home.resolve(".test-telemetry");
        byte[] first = AnonymizationKey.resolve(null, state, hints::add);
        byte[] second = AnonymizationKey.resolve(null, state, hints::add);
        assertThat(first).hasSize(32).isEqualTo(second);
        Path file = state.resolve(AnonymizationKey.KEY_FILE);
        assertThat(file).exists();
        if (state.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
        }
        try (var files = Files.list(state)) {
            assertThat(files).containsExactly(file); // no temp file left behind
        }
        assertThat(hints).isEmpty();
    }

    @Test
    void concurrentFirstRunsAgreeOnOneKey() throws Exception {
        Path state = home.resolve(".test-telemetry");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit((Callable<byte[]>) () -> AnonymizationKey.resolve(null, state, hints::add)));
            }
            byte[] first = results.get(0).get();
            for (Future<byte[]> r : results) {
                assertThat(r.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnwritableHomeGivesAnEphemeralKeyAndOneHint() throws Exception {
        Path readOnly = Files.createDirectories(home.resolve("ro"));
        // a regular file where the state folder should be: no user (root included) can create the key there
        Path blocked = Files.writeString(readOnly.resolve(".test-telemetry"), "not a folder");
        byte[] a = AnonymizationKey.resolve(null, blocked, hints::add);
        byte[] b = AnonymizationKey.resolve(null, blocked, hints::add);
        assertThat(a).hasSize(32).isNotEqualTo(b);
        assertThat(hints).hasSize(2);
        assertThat(hints.get(0)).contains("will not be stable").contains("telemetry.salt").doesNotContain("\n");
    }

    @Test
    void aReadOnlyDirectoryGivesAHintToo() throws Exception {
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root can write anywhere");
        Path ro = Files.createDirectories(home.resolve("ro2"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-x------"));
        AnonymizationKey.resolve(null, ro.resolve(".test-telemetry"), hints::add);
        assertThat(hints).singleElement().asString().contains("will not be stable");
    }

    @Test
    void noHomeAtAllGivesAnEphemeralKeyAndAHint() {
        assertThat(AnonymizationKey.resolve(null, null, hints::add)).hasSize(32);
        assertThat(hints).singleElement().asString().contains("no home directory");
    }

    @Test
    void aCorruptKeyFileIsAHintNotAnException() throws Exception {
        Path state = Files.createDirectories(home.resolve(".test-telemetry"));
        Files.writeString(state.resolve(AnonymizationKey.KEY_FILE), "garbage");
        assertThat(AnonymizationKey.resolve(null, state, hints::add)).hasSize(32);
        assertThat(hints).singleElement().asString().contains("will not be stable");
    }
}
