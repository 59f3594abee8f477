package org.testtelemetry.core;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way this library writes a file: readers see either nothing or the whole content. A temp file next to
 * the target ({@code .<name>.tmp}), flushed to disk, then renamed over the target. A process killed at any
 * instruction leaves at most a temp file, which readers ignore. Used by the outbox, the file writer and the fork
 * partial results.
 *
 * <p>The directory is deliberately not flushed after the rename: that forces a journal commit, which doubled
 * the time a refused delivery spends keeping its report (paired benchmark in BENCHMARKS.md), and a rename lost
 * to a power cut loses one report without ever leaving half of one.
 *
 * <pre>{@code
 * AtomicFiles.write(dir.resolve("report-1.json"), json);
 * }</pre>
 */
public final class AtomicFiles {

    /** Suffix of the temp files this class writes; readers skip names ending with it. */
    public static final String TEMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes {@code data} to {@code target}, creating the parent directories. */
    public static void write(Path target, byte[] data) throws IOException {
        write(target, data, true);
    }

    /**
     * As {@link #write(Path, byte[])}, except that the content is not flushed to disk before the rename: for a file
     * another process of the same build reads back within seconds (a test JVM's partial result), where readers must
     * still see all or nothing but a power cut loses the build anyway. Flushing cost each test JVM two disk syncs.
     * Written with {@code java.io} (whose classes every JVM has loaded) and a plain rename, which replaces the target
     * atomically on POSIX systems; where that rename fails (Windows, when the target exists) as {@link #write}
     * does: the NIO file channel and move classes cost a test JVM a few milliseconds to load (issue 15).
     */
    public static void writeUnflushed(Path target, byte[] data) throws IOException {
        File file = target.toAbsolutePath().toFile();
        File dir = file.getParentFile();
        if (!dir.isDirectory()) {
            Files.createDirectories(dir.toPath());
        }
        File temp = new File(dir, "." + file.getName() + TEMP_SUFFIX);
        boolean renamed = false;
        try {
            try (FileOutputStream out = new FileOutputStream(temp)) {
                out.write(data);
            }
            renamed = temp.renameTo(file);
        } catch (IOException | RuntimeException e) {
            temp.delete();
            throw e;
        }
        if (!renamed) {
            write(target, data, false);
        }
    }

    private static void write(Path target, byte[] data, boolean flush) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir); // throws (a file in the way) when there is something else
        }
        // One temp name per target: a rerun after a crash overwrites its own leftover instead of adding another.
        Path temp = dir.resolve("." + target.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(data);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                if (flush) {
                    channel.force(true);
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException ignored) {
                // the temp file is harmless: readers skip it and the outbox removes stale ones
            }
            throw e;
        }
    }

    /** A user-facing reason for an I/O failure, e.g. "No space left on device" or "not a directory". */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file is in the way";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e.getClass() == IOException.class && e.getMessage() != null) {
            return FailOpen.firstLine(e.getMessage(), 160); // the OS's words, e.g. "No space left on device"
        }
        return FailOpen.describe(e);
    }
}
