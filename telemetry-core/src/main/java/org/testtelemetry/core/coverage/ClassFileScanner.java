package org.testtelemetry.core.coverage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.internal.ContentTypeDetector;
import org.jacoco.core.internal.Pack200Streams;

/**
 * Finds class files the way JaCoCo's {@code Analyzer.analyzeAll} does (folders recursively, class files, zip/jar, gzip
 * and pack200 content recognised by its bytes, archives nested in archives, everything else ignored) and analyses them
 * on several threads into a {@link CoverageTally}.
 *
 * <p>One thread reads (archives are sequential streams); the others analyse. Reading stays at most a few classes
 * ahead of analysis, so memory holds a bounded number of class files, never the whole input.
 */
final class ClassFileScanner {

    private static final String VERSIONED = "META-INF/versions/";

    private final ExecutionDataStore executionData;
    private final CoverageTally tally;
    private final ExecutorService workers;
    private final Semaphore inFlight;
    private final AtomicLong unreadable = new AtomicLong();
    private final List<String> unreadableExamples = new ArrayList<>();
    private long order;

    private ClassFileScanner(ExecutionDataStore executionData, CoverageTally tally, int threads) {
        this.executionData = executionData;
        this.tally = tally;
        this.workers = threads > 1 ? Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "telemetry-coverage");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.inFlight = new Semaphore(Math.max(1, threads) * 8);
    }

    /** Analysis threads to use: the cores this JVM may use. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Scans {@code roots} in order into {@code tally}.
     *
     * @return what could not be read: a count and up to three locations, for one warning
     */
    static Unreadable scan(List<Path> roots, ExecutionDataStore executionData, CoverageTally tally, int threads)
            throws InterruptedException {
        ClassFileScanner scanner = new ClassFileScanner(executionData, tally, threads);
        try {
            for (Path root : roots) {
                scanner.scanPath(root);
            }
        } finally {
            scanner.finish();
        }
        synchronized (scanner.unreadableExamples) {
            return new Unreadable(scanner.unreadable.get(), List.copyOf(scanner.unreadableExamples));
        }
    }

    /** Class files or archives that could not be read or analysed. */
    record Unreadable(long count, List<String> examples) { }

    private void scanPath(Path path) throws InterruptedException {
        if (Files.isDirectory(path)) {
            List<Path> children;
            try (Stream<Path> list = Files.list(path)) {
                children = list.sorted().toList();
            } catch (IOException e) {
                failed(path.toString());
                return;
            }
            for (Path child : children) {
                scanPath(child);
            }
        } else if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                scanStream(in, path.toString(), false);
            } catch (IOException e) {
                failed(path.toString());
            }
        }
    }

    private void scanStream(InputStream in, String location, boolean versioned) throws IOException, InterruptedException {
        ContentTypeDetector detector = new ContentTypeDetector(in);
        switch (detector.getType()) {
            case ContentTypeDetector.CLASSFILE -> submit(detector.getInputStream().readAllBytes(), location, versioned);
            case ContentTypeDetector.ZIPFILE -> scanZip(detector.getInputStream(), location, versioned);
            case ContentTypeDetector.GZFILE -> scanStream(new GZIPInputStream(detector.getInputStream()), location,
                    versioned);
            case ContentTypeDetector.PACK200FILE -> scanStream(Pack200Streams.unpack(detector.getInputStream()),
                    location, versioned);
            default -> {
                // Not a class file nor an archive (resources, sources, text): JaCoCo ignores it too.
            }
        }
    }

    private void scanZip(InputStream in, String location, boolean versioned) throws InterruptedException {
        ZipInputStream zip = new ZipInputStream(in);
        while (true) {
            ZipEntry entry;
            try {
                entry = zip.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                failed(location);
                return;
            }
            if (entry == null) {
                return;
            }
            String entryLocation = location + "@" + entry.getName();
            try {
                scanStream(zip, entryLocation, versioned || entry.getName().startsWith(VERSIONED));
            } catch (IOException e) {
                failed(entryLocation);
            }
        }
    }

    private void submit(byte[] classFile, String location, boolean versioned) throws InterruptedException {
        long position = order++;
        if (workers == null) {
            analyze(classFile, location, versioned, position);
            return;
        }
        inFlight.acquire();
        workers.execute(() -> {
            try {
                analyze(classFile, location, versioned, position);
            } finally {
                inFlight.release();
            }
        });
    }

    private void analyze(byte[] classFile, String location, boolean versioned, long position) {
        Analyzer analyzer = new Analyzer(executionData, coverage -> tally.add(coverage, position, versioned));
        try {
            analyzer.analyzeClass(classFile, location);
        } catch (IOException | RuntimeException | LinkageError | StackOverflowError e) {
            // JaCoCo's report stops here; a telemetry report skips the class and says so once.
            failed(location);
        }
    }

    private void failed(String location) {
        unreadable.incrementAndGet();
        synchronized (unreadableExamples) {
            if (unreadableExamples.size() < 3) {
                unreadableExamples.add(location);
            }
        }
    }

    private void finish() throws InterruptedException {
        if (workers != null) {
            workers.shutdown();
            if (!workers.awaitTermination(1, TimeUnit.HOURS)) {
                workers.shutdownNow();
            }
        }
    }
}
