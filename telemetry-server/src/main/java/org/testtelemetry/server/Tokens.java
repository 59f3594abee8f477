package org.testtelemetry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The API tokens, kept as SHA-256 hashes only (a leaked token file gives no token away). The file has one token
 * per line, {@code sha256:<64 hex> [admin]}, {@code #} starts a comment; {@code java -jar telemetry-server.jar
 * hash-token <token>} prints such a line. A presented token is hashed and compared with every entry in constant
 * time ({@link MessageDigest#isEqual}), all entries every time, so timing tells nothing.
 */
final class Tokens {

    /** What a request may do. */
    enum Access { NONE, REPORT, ADMIN }

    private record Entry(byte[] hash, boolean admin) { }

    private final List<Entry> entries;

    private Tokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static Tokens none() {
        return new Tokens(List.of());
    }

    static Tokens load(Path file) {
        if (file == null) {
            return none();
        }
        List<Entry> entries = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file, e);
        }
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (!parts[0].startsWith("sha256:") || parts[0].length() != 7 + 64
                    || (parts.length > 1 && !parts[1].equalsIgnoreCase("admin")) || parts.length > 2) {
                throw new IllegalArgumentException(file + " line " + number
                        + ": expected 'sha256:<64 hex digits> [admin]' (see: hash-token)");
            }
            entries.add(new Entry(HexFormat.of().parseHex(parts[0].substring(7).toLowerCase(Locale.ROOT)),
                    parts.length > 1));
        }
        return new Tokens(entries);
    }

    /** True when report writes need a token. */
    boolean required() {
        return !entries.isEmpty();
    }

    /** What {@code token} (null when absent) may do. */
    Access check(String token) {
        if (token == null) {
            return Access.NONE;
        }
        byte[] hash = sha256(token);
        Access access = Access.NONE;
        for (Entry e : entries) { // no early exit: the time is the same for every token
            if (MessageDigest.isEqual(hash, e.hash)) {
                access = e.admin ? Access.ADMIN : Access.REPORT;
            }
        }
        return access;
    }

    /** The file line for {@code token}. */
    static String line(String token, boolean admin) {
        return "sha256:" + HexFormat.of().formatHex(sha256(token)) + (admin ? " admin" : "");
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
