package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's files as served by a real server: every file the page loads comes from this server (no CDN, no
 * absolute URL), uPlot is the pinned webjar's, other paths still reach the API's JSON errors.
 */
class DashboardFilesTest {

    @TempDir
    Path dir;

    private Api api;

    @BeforeEach
    void start() throws Exception {
        api = Api.start("sqlite", dir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void thePageAndEverythingItLoadsComeFromThisServer() {
        HttpResponse<String> page = api.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).startsWith("default-src 'self'"));
        // every src/href is relative and answers 200 here
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        int count = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertThat(ref).as(ref).doesNotContain("//").doesNotStartWith("/");
            assertThat(api.get("/" + ref).statusCode()).as(ref).isEqualTo(200);
            count++;
        }
        assertThat(count).isGreaterThanOrEqualTo(5);
        String script = api.get("/ui/dashboard.js").body();
        assertThat(script).doesNotContain("http://").doesNotContain("https://");
        assertThat(script).contains("fetch('api/v1/");

        HttpResponse<String> uplot = api.get("/ui/uPlot.iife.min.js");
        assertThat(uplot.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(uplot.body()).contains("uPlot").hasSizeGreaterThan(40_000);
        assertThat(api.get("/ui/uPlot.min.css").body()).contains(".uplot");
    }

    @Test
    void headAnswersWithoutABodyAndOtherPathsStillReachTheApi() {
        HttpResponse<String> head = Api.send(HttpRequest.newBuilder(api.base.resolve("/ui/dashboard.css"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("Content-Length").orElse(-1))
                .isEqualTo(api.get("/ui/dashboard.css").body().length());

        HttpResponse<String> missing = api.get("/ui/nothing.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"error\":\"not_found\"");
        assertThat(api.post("/", new byte[0], "Content-Type", "text/plain").statusCode()).isEqualTo(404);
        assertThat(api.get("/health").statusCode()).isEqualTo(200);
    }
}
