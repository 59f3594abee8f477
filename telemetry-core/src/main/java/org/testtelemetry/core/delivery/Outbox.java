package org.testtelemetry.core.delivery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * Reports waiting to be delivered, one file each, named {@code <createdAt millis>-<id>.json} so that names sort
 * oldest first. Files are written atomically ({@link AtomicFiles}); a temp file left by a killed process is never
 * read and is removed once it is an hour old. A file that does not read as a report is moved to
 * {@code corrupt/}; a report older than {@link DeliveryBudget#REPLAY_MAX_AGE} to {@code expired/}. Several runs
 * may share an outbox: a report they both send is stored once by the platform (same id), and a file another
 * run already removed is simply skipped.
 */
final class Outbox {

    private static final Pattern NAME = Pattern.compile("(\\d{13})-([0-9a-fA-F-]{36})\\.json");
    private static final Duration STALE_TEMP = Duration.ofHours(1);

    private final Path dir;

    Outbox(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Keeps a report's JSON (exactly the bytes that would be sent) for a later run. */
    Path save(Report report, byte[] json) throws IOException {
        Path file = dir.resolve(String.format("%013d-%s.json", report.createdAt().toEpochMilli(), report.id()));
        AtomicFiles.write(file, json);
        return file;
    }

    /**
     * The reports to send now, oldest first, at most {@code max}. Unreadable files are moved aside and counted in
     * {@code cleanup}; nothing here throws for a file's content or for a file that vanished meanwhile.
     */
    List<Entry> pending(Instant now, int max, Cleanup cleanup) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.endsWith(AtomicFiles.TEMP_SUFFIX)) {
                    removeIfStale(file, now);
                } else if (name.endsWith(".json") && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Entry> out = new ArrayList<>();
        for (Path file : files) {
            if (out.size() >= max) {
                break;
            }
            Matcher m = NAME.matcher(file.getFileName().toString());
            if (!m.matches()) {
                moveAside(file, "corrupt", cleanup);
                continue;
            }
            Instant created = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
            if (created.isBefore(now.minus(DeliveryBudget.REPLAY_MAX_AGE))) {
                moveAside(file, "expired", cleanup);
                continue;
            }
            try {
                byte[] json = Files.readAllBytes(file);
                Report report = ReportJson.read(new String(json, java.nio.charset.StandardCharsets.UTF_8));
                if (!report.id().equals(UUID.fromString(m.group(2)))) {
                    throw new IllegalStateException("id does not match the file name");
                }
                out.add(new Entry(file, report.id().toString(), json));
            } catch (NoSuchFileException gone) {
                // another run delivered it meanwhile
            } catch (IOException | RuntimeException unreadable) {
                moveAside(file, "corrupt", cleanup);
            }
        }
        return out;
    }

    /** Removes a delivered report; a file already gone is fine. */
    void remove(Entry entry) throws IOException {
        Files.deleteIfExists(entry.file());
    }

    /** How many reports wait (for messages); 0 when the folder is missing or unreadable. */
    int count() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            int n = 0;
            for (Path ignored : stream) {
                n++;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private void moveAside(Path file, String folder, Cleanup cleanup) {
        try {
            Path target = dir.resolve(folder);
            Files.createDirectories(target);
            Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            if (folder.equals("corrupt")) {
                cleanup.corrupt++;
            } else {
                cleanup.expired++;
            }
        } catch (NoSuchFileException gone) {
            // another run moved it
        } catch (IOException | RuntimeException e) {
            cleanup.stuck++;
        }
    }

    private static void removeIfStale(Path temp, Instant now) {
        try {
            Instant modified = Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS).toInstant();
            if (modified.isBefore(now.minus(STALE_TEMP))) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException ignored) {
            // a temp file is never read; leaving it costs nothing
        }
    }

    /** A queued report: its file, id and the exact JSON to send. */
    record Entry(Path file, String id, byte[] json) {
    }

    /** What {@link #pending} set aside, for one warning line per run. */
    static final class Cleanup {
        int corrupt;
        int expired;
        int stuck;
    }
}
