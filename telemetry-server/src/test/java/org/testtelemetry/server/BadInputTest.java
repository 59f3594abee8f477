package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.ReportJson;

/** Bad input of every kind: each a 4xx in the one error shape, nothing stored, the server still healthy. */
class BadInputTest {

    @TempDir
    static Path dir;

    static Api api;

    @BeforeAll
    static void start() throws Exception {
        // a short idle timeout for the slow-loris tests: so no pooled connections (they would race its closes)
        api = Api.start("sqlite", dir, "--idle-timeout-ms", "500").freshConnections();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @AfterEach
    void nothingStoredAndHealthy() throws Exception {
        api.drain();
        try (Connection c = api.server.store().connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM inbox")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
        assertThat(api.get("/health").statusCode()).isEqualTo(200);
        assertThat(api.get("/ready").statusCode()).isEqualTo(200);
    }

    private static String valid() {
        return ReportJson.write(ReportApiTest.sample());
    }

    private static HttpResponse<String> postJson(byte[] body, String... more) {
        String[] headers = new String[2 + more.length];
        headers[0] = "Content-Type";
        headers[1] = "application/json";
        System.arraycopy(more, 0, headers, 2, more.length);
        return api.post("/api/v1/reports", body, headers);
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        var body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("error").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("violations").isArray()).isTrue();
    }

    @Test
    void truncatedJson() {
        String json = valid();
        assertError(postJson(json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8)), 400,
                "invalid_report");
    }

    @Test
    void wrongTypes() {
        HttpResponse<String> r = postJson(valid().replace("\"durationMs\":4321", "\"durationMs\":\"fast\"")
                .replace("\"forks\":2", "\"forks\":2.5").getBytes(StandardCharsets.UTF_8));
        assertError(r, 400, "invalid_report");
        assertThat(r.body()).contains("\"pointer\":\"/metrics/durationMs\"", "\"pointer\":\"/metrics/forks\"");
    }

    @Test
    void negativeCount() {
        HttpResponse<String> r = postJson(valid().replace("\"failed\":2,", "\"failed\":-1,")
                .getBytes(StandardCharsets.UTF_8));
        assertError(r, 400, "invalid_report");
        assertThat(r.body()).contains("\"pointer\":\"/metrics/tests/failed\"");
    }

    @Test
    void aCountOf2To63DoesNotFit() {
        HttpResponse<String> r = postJson(valid().replace("\"total\":100", "\"total\":9223372036854775808")
                .getBytes(StandardCharsets.UTF_8));
        assertError(r, 400, "invalid_report");
        assertThat(r.body()).contains("\"pointer\":\"/metrics/tests/total\"", "must be at most");
    }

    @Test
    void deepNesting() {
        String deep = "[".repeat(1_000) + "]".repeat(1_000); // small, far deeper than allowed
        byte[] body = valid().replace("\"forks\":2", "\"forks\":2,\"x\":" + deep).getBytes(StandardCharsets.UTF_8);
        assertError(api.post("/api/v1/reports", Api.gzip(body), "Content-Type", "application/json",
                "Content-Encoding", "gzip"), 400, "invalid_report");
    }

    @Test
    void tenMegabytes() throws IOException {
        assertThat(rawStatus(10 * 1024 * 1024, true)).isEqualTo(413);
    }

    @Test
    void tenMegabytesChunked() throws IOException {
        assertThat(rawStatus(10 * 1024 * 1024, false)).isEqualTo(413);
    }

    @Test
    void gzipBombIs413WithoutInflatingIt() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                gz.write(zeros); // 50 MB of zeros: ~50 KB on the wire, under the limit
            }
        }
        assertThat(out.size()).isLessThan(64 * 1024);
        HttpResponse<String> r = api.post("/api/v1/reports", out.toByteArray(), "Content-Type", "application/json",
                "Content-Encoding", "gzip");
        assertError(r, 413, "too_large");
    }

    @Test
    void notGzipAtAll() {
        assertError(postJson(valid().getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip"), 400,
                "bad_encoding");
    }

    @Test
    void invalidUtf8() {
        byte[] body = valid().replace("Eclipse Adoptium", "Eclipse XXoptium").getBytes(StandardCharsets.UTF_8);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("XX");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28; // not a continuation byte
        assertError(postJson(body), 400, "invalid_report");
    }

    @Test
    void wrongContentType() {
        assertError(api.post("/api/v1/reports", valid().getBytes(StandardCharsets.UTF_8), "Content-Type",
                "text/plain"), 415, "unsupported_media_type");
        assertError(api.post("/api/v1/reports", valid().getBytes(StandardCharsets.UTF_8), "Content-Type",
                "application/json", "Content-Encoding", "br"), 415, "unsupported_media_type");
    }

    @Test
    void notAnObject() {
        assertError(postJson("[1, 2]".getBytes(StandardCharsets.UTF_8)), 400, "invalid_report");
        assertError(postJson("".getBytes(StandardCharsets.UTF_8)), 400, "invalid_report");
    }

    @Test
    void duplicateKeys() {
        assertError(postJson(valid().replace("\"forks\":2", "\"forks\":2,\"forks\":3")
                .getBytes(StandardCharsets.UTF_8)), 400, "invalid_report");
    }

    @Test
    void unknownRouteAndMethodHaveTheSameShape() {
        assertError(api.get("/api/v1/nothing"), 404, "not_found");
        HttpResponse<String> r = api.get("/api/v1/reports");
        assertError(r, 405, "method_not_allowed");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void slowLorisHeadersAreCutOff() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: app".getBytes());
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever the server says, it must end the connection
            }
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
        }
    }

    @Test
    void slowLorisBodyIsCutOff() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\n\r\n{").getBytes());
            out.flush();
            long start = System.nanoTime();
            Thread dripper = new Thread(() -> {
                try {
                    for (int i = 0; i < 100; i++) { // one byte every 300 ms: a body that never ends
                        Thread.sleep(300);
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException | InterruptedException closedByServer) {
                    // expected
                }
            });
            dripper.setDaemon(true);
            dripper.start();
            String answer;
            try {
                answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            } catch (java.net.SocketException reset) {
                answer = ""; // reset by the server: also cut off
            }
            assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 4"));
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
            dripper.interrupt();
        }
    }

    /** Status line of a {@code bytes}-byte POST sent by hand (the server may answer before reading it all). */
    private static int rawStatus(int bytes, boolean contentLength) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + (contentLength ? "Content-Length: " + bytes : "Transfer-Encoding: chunked") + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> {
                try {
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    for (int sent = 0; sent < bytes; sent += chunk.length) {
                        if (!contentLength) {
                            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes());
                        }
                        out.write(chunk);
                        if (!contentLength) {
                            out.write("\r\n".getBytes());
                        }
                    }
                    if (!contentLength) {
                        out.write("0\r\n\r\n".getBytes());
                    }
                } catch (IOException stoppedByServer) {
                    // the server answered and closed: fine
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
                line.append((char) c);
            }
            return Integer.parseInt(line.toString().split(" ")[1]);
        }
    }

    static Path tokenFile(Path dir, String... lines) throws IOException {
        Path file = dir.resolve("tokens.txt");
        Files.write(file, java.util.List.of(lines));
        return file;
    }
}
