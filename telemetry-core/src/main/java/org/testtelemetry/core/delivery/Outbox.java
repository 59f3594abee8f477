package org.testtelemetry.core.delivery;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * Reports waiting to be delivered, one file each, named {@code <createdAt millis>-<id>.json} so that names sort
 * oldest first. Files are written atomically ({@link AtomicFiles}); a temp file left by a killed process is never
 * read and is removed once it is an hour old. A file that does not read as a report is moved to
 * {@code corrupt/}; a report older than {@link DeliveryBudget#REPLAY_MAX_AGE} to {@code expired/}. Several runs
 * (concurrent {@code flush} commands, parallel builds) may share an outbox: a run {@link #claim claims} each report
 * by renaming its file atomically before sending it, so each queued report has one sender. A claim left by a run
 * that was killed is given back after {@link #STALE_CLAIM}; a file another run already took is simply skipped.
 */
final class Outbox {

    private static final Pattern NAME = Pattern.compile("(\\d{13})-([0-9a-fA-F-]{36})\\.json");
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    /** Far beyond any delivery budget: a claim this old belongs to a run that died while sending. */
    static final Duration STALE_CLAIM = Duration.ofHours(1);
    private static final String CLAIM = ".claimed-";

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
                } else if (name.contains(".json" + CLAIM)) {
                    Path released = releaseIfStale(file, now);
                    if (released != null) {
                        files.add(released);
                    }
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

    /**
     * Takes a queued report for this run alone: renames its file atomically to a name no other run lists.
     *
     * @return the claimed entry (its file is the claimed name), or null when another run took it first
     */
    Entry claim(Entry entry, Instant now) throws IOException {
        Path claimed = entry.file().resolveSibling(entry.file().getFileName() + CLAIM + UUID.randomUUID());
        try {
            Files.move(entry.file(), claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException taken) {
            return null;
        }
        try {
            // a rename keeps the old time; the claim's age is what tells a dead run's claim from a live one
            Files.setLastModifiedTime(claimed, FileTime.from(now));
        } catch (NoSuchFileException released) {
            return null; // another run judged the claim stale in between: it is queued again
        } catch (IOException | RuntimeException ignored) {
            // the claim holds; it is only released sooner
        }
        return new Entry(claimed, entry.id(), entry.json());
    }

    /** Gives a claimed report that could not be sent back to the queue; it keeps its place (its name). */
    void release(Entry claimed) throws IOException {
        Path queued = queuedName(claimed.file());
        try {
            Files.move(claimed.file(), queued, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            // released as stale by another run meanwhile
        }
    }

    /** Removes a delivered (claimed) report; a file already gone is fine. */
    void remove(Entry entry) throws IOException {
        Files.deleteIfExists(entry.file());
    }

    /**
     * How many reports wait (for messages), counting claims so old that {@link #pending} gives them back; not those
     * another run is sending now. 0 when the folder is missing or unreadable.
     */
    int count() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Instant staleBefore = Instant.now().minus(STALE_CLAIM);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json*")) {
            int n = 0;
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (name.endsWith(".json") || name.contains(".json" + CLAIM) && isOlder(file, staleBefore)) {
                    n++;
                }
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

    private static Path queuedName(Path claimed) {
        String name = claimed.getFileName().toString();
        return claimed.resolveSibling(name.substring(0, name.indexOf(CLAIM)));
    }

    private static boolean isOlder(Path file, Instant than) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(than);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return the queued name a dead run's claim was given back under, else null */
    private static Path releaseIfStale(Path claimed, Instant now) {
        try {
            if (isOlder(claimed, now.minus(STALE_CLAIM))) {
                return Files.move(claimed, queuedName(claimed), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException ignored) {
            // gone meanwhile, or cannot be moved now: the next run tries again
        }
        return null;
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
