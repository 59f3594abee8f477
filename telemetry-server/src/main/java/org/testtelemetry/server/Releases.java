package org.testtelemetry.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Release annotations: GitHub {@code release} webhooks, verified with {@code X-Hub-Signature-256} (HMAC-SHA256 of
 * the raw body with the configured secret, compared in constant time; anything unsigned or mis-signed is 401 and
 * never stored), and {@code POST /api/v1/releases} for everyone else (admin token).
 */
final class Releases {

    private static final Set<String> STORED_ACTIONS = Set.of("published", "released", "created", "prereleased");

    private final Store store;
    private final byte[] secret;

    Releases(Store store, Path secretFile) {
        this.store = store;
        this.secret = secretFile == null ? null : read(secretFile);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GitHub webhook secret " + file, e);
        }
    }

    /** Verifies and handles one webhook delivery; returns the answer's message. */
    String github(byte[] body, String signature, String event) throws SQLException {
        if (secret == null || secret.length == 0) {
            throw ApiError.of(401, "unauthorized", "the GitHub webhook is not configured (--github-secret-file)");
        }
        if (signature == null || !signature.startsWith("sha256=")) {
            throw ApiError.of(401, "unauthorized", "missing X-Hub-Signature-256");
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            expected = mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // every JVM has HmacSHA256
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(7).trim());
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw ApiError.of(401, "unauthorized", "wrong X-Hub-Signature-256");
        }
        if ("ping".equals(event)) {
            return "pong";
        }
        if (!"release".equals(event)) {
            return "ignored event " + event;
        }
        JsonNode root = parse(body);
        if (!STORED_ACTIONS.contains(root.path("action").asString(""))) {
            return "ignored action " + root.path("action").asString("");
        }
        JsonNode release = root.path("release");
        String published = release.path("published_at").asString(null);
        if (published == null) {
            published = release.path("created_at").asString(null);
        }
        store("github:" + release.path("id").asString(""), root.path("repository").path("full_name").asString(""),
                release.path("tag_name").asString(""), release.path("name").asString(""),
                release.path("html_url").asString(""), instant(published), "github");
        return "stored";
    }

    /** POST /api/v1/releases: {@code {"repository", "tag", "name"?, "url"?, "publishedAt"?}}; returns the id. */
    String manual(byte[] body) throws SQLException {
        JsonNode root = parse(body);
        String repository = root.path("repository").asString("");
        String tag = root.path("tag").asString("");
        if (repository.isBlank() || tag.isBlank() || repository.length() > 200 || tag.length() > 200) {
            throw ApiError.of(400, "invalid_release", "repository and tag are required (at most 200 characters)");
        }
        String id = "manual:" + repository + "@" + tag;
        store(id, repository, tag, root.path("name").asString(tag), root.path("url").asString(""),
                instant(root.path("publishedAt").asString(null)), "api");
        return id;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root == null || !root.isObject()) {
                throw ApiError.of(400, "invalid_release", "the body is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw ApiError.of(400, "invalid_release", "the body is not valid JSON");
        }
    }

    private static long instant(String text) {
        if (text == null || text.isBlank()) {
            return System.currentTimeMillis();
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.of(400, "invalid_release", "publishedAt must be an ISO-8601 instant, not " + text);
        }
    }

    private void store(String id, String repository, String tag, String name, String url, long publishedMs,
                       String source) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement("INSERT INTO releases"
                + " (release_id, repository, tag, name, url, published_ms, source) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (release_id) DO UPDATE SET repository = excluded.repository, tag = excluded.tag,"
                + " name = excluded.name, url = excluded.url, published_ms = excluded.published_ms")) {
            c.setAutoCommit(true);
            s.setString(1, id);
            s.setString(2, repository);
            s.setString(3, tag);
            s.setString(4, name == null ? "" : name);
            s.setString(5, url == null ? "" : url);
            s.setLong(6, publishedMs);
            s.setString(7, source);
            s.executeUpdate();
        }
    }
}
