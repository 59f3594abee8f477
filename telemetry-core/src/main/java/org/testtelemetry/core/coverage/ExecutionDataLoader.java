package org.testtelemetry.core.coverage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jacoco.core.data.ExecutionDataReader;
import org.jacoco.core.data.ExecutionDataStore;

/**
 * Reads JaCoCo execution data into one store. Several inputs merge by probe (a probe hit in any input is hit),
 * exactly as {@code jacoco:merge} and {@code jacoco:report} do.
 */
final class ExecutionDataLoader {

    private ExecutionDataLoader() {
    }

    /** The exec files of {@code candidates} that exist as regular files, in order. */
    static List<Path> existing(List<Path> candidates) {
        List<Path> found = new ArrayList<>();
        if (candidates != null) {
            for (Path candidate : candidates) {
                if (candidate != null && Files.isRegularFile(candidate) && !found.contains(candidate)) {
                    found.add(candidate);
                }
            }
        }
        return found;
    }

    /**
     * Merges every file into one store.
     *
     * @throws UnreadableExecData naming the first file that is empty, truncated or not JaCoCo data
     */
    static ExecutionDataStore load(List<Path> files) throws UnreadableExecData {
        ExecutionDataStore store = new ExecutionDataStore();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                read(in, store, file.toString());
            } catch (IOException e) {
                throw new UnreadableExecData(file + ": " + describe(e));
            }
        }
        return store;
    }

    /** Reads one in-memory dump, as a running agent hands it out. */
    static ExecutionDataStore load(byte[] dump, String origin) throws UnreadableExecData {
        ExecutionDataStore store = new ExecutionDataStore();
        try {
            read(new ByteArrayInputStream(dump), store, origin);
        } catch (IOException e) {
            throw new UnreadableExecData(origin + ": " + describe(e));
        }
        return store;
    }

    private static void read(InputStream in, ExecutionDataStore store, String origin)
            throws IOException, UnreadableExecData {
        InputStream buffered = in.markSupported() ? in : new java.io.BufferedInputStream(in);
        buffered.mark(1);
        if (buffered.read() < 0) {
            // A zero-byte file is what a killed JVM leaves behind: there is nothing to merge, not "no coverage".
            throw new UnreadableExecData(origin + ": the file is empty");
        }
        buffered.reset();
        ExecutionDataReader reader = new ExecutionDataReader(buffered);
        reader.setExecutionDataVisitor(data -> {
            try {
                store.visitClassExecution(data);
            } catch (IllegalStateException e) {
                // Same class id, different name or probe count: the data cannot come from a JaCoCo run of these classes.
                throw new CorruptData(e.getMessage());
            }
        });
        reader.setSessionInfoVisitor(info -> { });
        try {
            reader.read();
        } catch (CorruptData | IllegalArgumentException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new IOException("corrupt data (" + e.getMessage() + ")", e);
        } catch (OutOfMemoryError e) {
            // A corrupt probe count asks for one giant array; that single allocation fails and nothing else is held.
            throw new IOException("corrupt data (impossible probe count)", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.io.EOFException) {
            return "the file is truncated";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** An input that is not complete JaCoCo execution data. */
    static final class UnreadableExecData extends Exception {

        private static final long serialVersionUID = 1L;

        UnreadableExecData(String message) {
            super(message, null, false, false);
        }
    }

    private static final class CorruptData extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CorruptData(String message) {
            super(message, null, false, false);
        }
    }
}
