package org.testtelemetry.server;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.testtelemetry.report.ReportJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a request body into a validated report, or an {@link ApiError}: the size limit on the wire and after
 * inflating gzip (a gzip bomb stops at the limit, nothing bigger is ever allocated), JSON syntax (strict UTF-8,
 * depth, duplicate keys), the shared schema from telemetry-report (unknown fields allowed), and counts that fit a
 * 64-bit integer. Every violation comes back with its JSON pointer.
 */
final class ReportIntake {

    /** The accepted report: its id and its JSON text, as stored in the inbox. */
    record Accepted(String id, String json) { }

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ReportJson.schema());
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final int MAX_LISTED = 20;

    private final int maxBytes;

    /**
     * Loads the schema and its validator classes now (class initialization, then one validation): called on a
     * second thread while the store opens, so the first report does not pay for it and start-up uses both cores.
     */
    static void warm() {
        SCHEMA.validate(Json.MAPPER.readTree("{\"id\": 1}"));
    }

    ReportIntake(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Reads at most {@code maxBytes} (+1 to notice more) from the body, inflating when {@code gzip}, within
     * {@code timeoutMs}: a client that drips its body (slow loris) gets 408 when the time is up.
     */
    byte[] read(InputStream raw, boolean gzip, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        InputStream body = new java.io.FilterInputStream(raw) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (System.nanoTime() > deadline) {
                    throw ApiError.of(408, "request_timeout", "the report did not arrive in time");
                }
                return super.read(b, off, len);
            }
        };
        InputStream in = body;
        if (gzip) {
            try {
                in = new GZIPInputStream(body, 8192);
            } catch (ZipException | java.io.EOFException e) {
                throw ApiError.of(400, "bad_encoding", "the body is not valid gzip");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 16 * 1024));
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    if (gzip) {
                        drain(body, buffer);
                    }
                    throw tooLarge();
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            throw ApiError.of(400, "bad_encoding", "the body is not valid gzip");
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops the rest of a compressed body that inflates past the limit, up to {@code maxBytes} more (and
     * within the read's deadline): a small gzip bomb is mostly still unread when it is refused, and closing the
     * connection on unread bytes resets it, which can lose the 413 on its way to the client.
     */
    private void drain(InputStream raw, byte[] buffer) {
        try {
            for (long drained = 0, n; drained <= maxBytes && (n = raw.read(buffer, 0, buffer.length)) > 0; ) {
                drained += n;
            }
        } catch (IOException | RuntimeException e) {
            // the refusal stands; the connection may then be closed on what is left
        }
    }

    ApiError tooLarge() {
        return ApiError.of(413, "too_large", "the report is larger than " + maxBytes + " bytes");
    }

    /** Parses and validates; {@code idempotencyKey} (may be null) must name the same report as the body. */
    Accepted validate(byte[] bytes, String idempotencyKey) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ApiError.invalid("the body is not valid JSON: " + firstLine(e.getOriginalMessage()),
                    List.of(new ApiError.Violation("", firstLine(e.getOriginalMessage()))));
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw ApiError.invalid("the body is not a JSON object",
                    List.of(new ApiError.Violation("", "a report is a JSON object")));
        }
        List<ApiError.Violation> violations = new ArrayList<>();
        for (Error e : SCHEMA.validate(root)) {
            violations.add(new ApiError.Violation(pointer(e), message(e)));
        }
        outOfRange(root, new ArrayList<>(), violations);
        if (!violations.isEmpty()) {
            List<ApiError.Violation> listed = violations.size() > MAX_LISTED
                    ? violations.subList(0, MAX_LISTED) : violations;
            ApiError.Violation first = listed.get(0);
            String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
            throw ApiError.invalid("invalid report: " + (first.pointer().isEmpty() ? "" : first.pointer() + ": ")
                    + first.message() + more, listed);
        }
        String id = root.get("id").asString().toLowerCase(Locale.ROOT);
        if (idempotencyKey != null && !idempotencyKey.isBlank()
                && !idempotencyKey.trim().equalsIgnoreCase(id)) {
            throw ApiError.of(400, "idempotency_key_mismatch", "the Idempotency-Key header is not the report id");
        }
        return new Accepted(id, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Counts are stored as 64-bit integers: the schema says "integer >= 0", this says "and it fits". */
    private static void outOfRange(JsonNode node, List<String> path, List<ApiError.Violation> violations) {
        // the path is a stack of tokens: a pointer string is only built for a violation, not for every node
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                path.add(escape(e.getKey()));
                outOfRange(e.getValue(), path, violations);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(Integer.toString(i));
                outOfRange(node.get(i), path, violations);
                path.remove(path.size() - 1);
            }
        } else if (node.isBigInteger() && node.bigIntegerValue().compareTo(LONG_MAX) > 0) {
            violations.add(new ApiError.Violation(path.isEmpty() ? "" : "/" + String.join("/", path),
                    "must be at most " + Long.MAX_VALUE));
        }
    }

    private static String pointer(Error e) {
        NodePath path = e.getInstanceLocation();
        StringBuilder out = new StringBuilder();
        for (int i = 0; path != null && i < path.getNameCount(); i++) {
            out.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
            out.append('/').append(escape(e.getProperty()));
        }
        return out.toString();
    }

    private static String message(Error e) {
        String m = e.getMessage();
        // the library prefixes the location; the pointer carries it already
        int colon = m == null ? -1 : m.indexOf(": ");
        if (colon > 0 && (m.startsWith("/") || m.startsWith("$") || m.startsWith(":"))) {
            m = m.substring(colon + 2);
        }
        return m == null ? e.getKeyword() : m;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
