package org.testtelemetry.core.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The secret key names are hashed with. {@code telemetry.salt} / {@code TELEMETRY_SALT} when set (teams set
 * it as a CI secret so ids are stable across machines); else 32 random bytes created once in
 * {@code ~/.test-telemetry/key}, readable by the owner only; else, when the home cannot keep it, a key for
 * this run only, with a one-line hint that ids will not be stable.
 */
public final class AnonymizationKey {

    static final String KEY_FILE = "key";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AnonymizationKey() {
    }

    /**
     * @param salt     the configured salt, or null
     * @param stateDir {@code ~/.test-telemetry}, or null when there is no home
     * @param hint     receives the one line said when the key cannot be kept
     */
    public static byte[] resolve(String salt, Path stateDir, Consumer<String> hint) {
        if (salt != null && !salt.isEmpty()) {
            return salt.getBytes(StandardCharsets.UTF_8);
        }
        if (stateDir == null) {
            hint.accept("Test telemetry: no home directory to keep a hashing key in; project ids will not be"
                    + " stable across runs (set telemetry.salt to fix)");
            return random();
        }
        Path file = stateDir.resolve(KEY_FILE);
        try {
            byte[] existing = readKey(file);
            if (existing != null) {
                return existing;
            }
            return create(stateDir, file);
        } catch (IOException | RuntimeException e) {
            hint.accept("Test telemetry: cannot keep a hashing key in " + stateDir + " (" + e.getClass().getSimpleName()
                    + "); project ids will not be stable across runs (set telemetry.salt to fix)");
            return random();
        }
    }

    /**
     * The key a run would use if it exists already — the salt, else the key file — without creating anything
     * (for {@code show} while telemetry is off); null when there is none yet or it cannot be read.
     */
    public static byte[] existing(String salt, Path stateDir) {
        if (salt != null && !salt.isEmpty()) {
            return salt.getBytes(StandardCharsets.UTF_8);
        }
        if (stateDir == null) {
            return null;
        }
        try {
            return readKey(stateDir.resolve(KEY_FILE));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A key for this run only: nothing is written. */
    public static byte[] oneTime() {
        return random();
    }

    private static byte[] readKey(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!text.matches("[0-9a-f]{64}")) {
            throw new IOException("malformed key file");
        }
        return HexFormat.of().parseHex(text);
    }

    private static byte[] create(Path stateDir, Path file) throws IOException {
        boolean posix = stateDir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(stateDir,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(stateDir);
        }
        byte[] key = random();
        Path tmp = posix
                ? Files.createTempFile(stateDir, "key", ".tmp",
                        PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
                                PosixFilePermission.OWNER_WRITE)))
                : Files.createTempFile(stateDir, "key", ".tmp");
        try {
            Files.writeString(tmp, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
            try {
                // A hard link appears atomically and fails if the key exists: when two JVMs race, the first
                // key written wins and both use it (rename would silently replace it).
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                Files.move(tmp, file);
            }
        } catch (FileAlreadyExistsException e) {
            byte[] winner = readKey(file);
            if (winner != null) {
                return winner;
            }
            throw e;
        } finally {
            Files.deleteIfExists(tmp);
        }
        byte[] stored = readKey(file);
        return stored != null ? stored : key;
    }

    private static byte[] random() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }
}
