package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/** Tokens (hashed, Bearer), rate limits, release annotations (admin token, signed GitHub webhook). */
class AccessTest {

    @TempDir
    Path dir;

    @Test
    void withATokenFileReportsNeedAKnownToken() throws Exception {
        Path tokens = Files.write(dir.resolve("tokens.txt"), List.of("# ci tokens", Tokens.line("s3cret", false),
                "sha256:" + "0".repeat(64)));
        assertThat(Files.readString(tokens)).doesNotContain("s3cret");
        try (Api api = Api.start("sqlite", dir, "--token-file", tokens.toString())) {
            Report r = ReportApiTest.sample();
            byte[] body = ReportJson.writeBytes(r);
            HttpResponse<String> none = api.post("/api/v1/reports", body, "Content-Type", "application/json");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).contains("\"error\":\"unauthorized\"", "telemetry.token");
            // its body was never read: the connection closes, and the client must be told not to reuse it
            assertThat(none.headers().firstValue("connection")).hasValue("close");
            assertThat(api.post("/api/v1/reports", body, "Content-Type", "application/json",
                    "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(api.post("/api/v1/reports", body, "Content-Type", "application/json",
                    "Authorization", "Bearer " + "0".repeat(64)).statusCode()).isEqualTo(401); // the hash is no token
            assertThat(api.post("/api/v1/reports", body, "Content-Type", "application/json",
                    "Authorization", "Bearer s3cret").statusCode()).isEqualTo(202);
            api.drain();
            assertThat(api.json("/api/v1/summary").get("runs").asLong()).isEqualTo(1);
        }
    }

    @Test
    void aTokenFileWithAPlainTokenIsRefusedAtStart() throws Exception {
        Path tokens = Files.write(dir.resolve("tokens.txt"), List.of("s3cret"));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Api.start("sqlite", dir, "--token-file",
                tokens.toString()))).hasMessageContaining("line 1");
    }

    @Test
    void aClientOverItsRateIs429WithRetryAfter() throws Exception {
        try (Api api = Api.start("sqlite", dir, "--rate-limit", "1")) {
            int accepted = 0;
            HttpResponse<String> limited = null;
            for (int i = 0; i < 30 && limited == null; i++) {
                HttpResponse<String> r = api.post(ReportApiTest.sample());
                if (r.statusCode() == 202) {
                    accepted++;
                } else {
                    limited = r;
                }
            }
            assertThat(accepted).isBetween(10, 12); // a burst of ten seconds' worth
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.body()).contains("\"error\":\"rate_limited\"");
            assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        }
    }

    @Test
    void releasesNeedAnAdminTokenAndAreListed() throws Exception {
        Path tokens = Files.write(dir.resolve("tokens.txt"), List.of(Tokens.line("writer", false),
                Tokens.line("boss", true)));
        try (Api api = Api.start("sqlite", dir, "--token-file", tokens.toString())) {
            byte[] release = "{\"repository\":\"acme/shop\",\"tag\":\"v1.2.0\",\"publishedAt\":\"2026-11-01T10:00:00Z\"}"
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(api.post("/api/v1/releases", release, "Content-Type", "application/json").statusCode())
                    .isEqualTo(401);
            assertThat(api.post("/api/v1/releases", release, "Content-Type", "application/json",
                    "Authorization", "Bearer writer").statusCode()).isEqualTo(401);
            HttpResponse<String> ok = api.post("/api/v1/releases", release, "Content-Type", "application/json",
                    "Authorization", "Bearer boss");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            var list = api.json("/api/v1/releases?from=2026-10-01&to=2026-11-30").get("releases");
            assertThat(list.size()).isEqualTo(1);
            assertThat(list.get(0).get("tag").asString()).isEqualTo("v1.2.0");
            assertThat(list.get(0).get("publishedAt").asString()).isEqualTo("2026-11-01T10:00:00Z");
            assertThat(list.get(0).get("source").asString()).isEqualTo("api");
            assertThat(api.json("/api/v1/releases?to=2026-10-31").get("releases").size()).isZero();
        }
    }

    @Test
    void githubReleaseWebhooksAreStoredOnlyWhenSignedWithTheSecret() throws Exception {
        Path secret = Files.writeString(dir.resolve("github-secret"), "hook-secret\n");
        try (Api api = Api.start("sqlite", dir, "--github-secret-file", secret.toString())) {
            byte[] event = ("{\"action\":\"published\",\"release\":{\"id\":42,\"tag_name\":\"v2.0\",\"name\":\"Two\","
                    + "\"html_url\":\"https://github.com/acme/shop/releases/v2.0\",\"published_at\":"
                    + "\"2026-11-02T08:00:00Z\"},\"repository\":{\"full_name\":\"acme/shop\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            String good = "sha256=" + hmac("hook-secret", event);
            String wrong = "sha256=" + hmac("other-secret", event);

            HttpResponse<String> unsigned = api.post("/hooks/github", event, "Content-Type", "application/json",
                    "X-GitHub-Event", "release");
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(api.post("/hooks/github", event, "Content-Type", "application/json", "X-GitHub-Event",
                    "release", "X-Hub-Signature-256", wrong).statusCode()).isEqualTo(401);
            assertThat(api.post("/hooks/github", event, "Content-Type", "application/json", "X-GitHub-Event",
                    "release", "X-Hub-Signature-256", "sha256=zz").statusCode()).isEqualTo(401);
            assertThat(api.json("/api/v1/releases").get("releases").size()).isZero();

            HttpResponse<String> ok = api.post("/hooks/github", event, "Content-Type", "application/json",
                    "X-GitHub-Event", "release", "X-Hub-Signature-256", good);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            var r = api.json("/api/v1/releases").get("releases").get(0);
            assertThat(r.get("id").asString()).isEqualTo("github:42");
            assertThat(r.get("repository").asString()).isEqualTo("acme/shop");
            assertThat(r.get("source").asString()).isEqualTo("github");

            byte[] ping = "{\"zen\":\"Keep it simple.\"}".getBytes(StandardCharsets.UTF_8);
            assertThat(api.post("/hooks/github", ping, "X-GitHub-Event", "ping", "X-Hub-Signature-256",
                    "sha256=" + hmac("hook-secret", ping)).body()).contains("pong");
        }
    }

    @Test
    void withoutASecretTheWebhookIs401() throws Exception {
        try (Api api = Api.start("sqlite", dir)) {
            byte[] event = "{}".getBytes(StandardCharsets.UTF_8);
            assertThat(api.post("/hooks/github", event, "X-GitHub-Event", "release", "X-Hub-Signature-256",
                    "sha256=" + hmac("x", event)).statusCode()).isEqualTo(401);
        }
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
