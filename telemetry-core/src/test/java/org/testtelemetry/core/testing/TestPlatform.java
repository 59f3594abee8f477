package org.testtelemetry.core.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/**
 * A telemetry platform for tests: WireMock on 127.0.0.1 (free ports, quiet, request bodies kept exactly as sent,
 * gzip included), and the reports it received, decoded.
 *
 * <pre>{@code
 * WireMockServer platform = TestPlatform.start();
 * platform.stubFor(post(urlEqualTo(TestPlatform.REPORTS)).willReturn(aResponse().withStatus(202)));
 * ... deliver to TestPlatform.url(platform) ...
 * Report sent = TestPlatform.report(TestPlatform.posted(platform).get(0));
 * }</pre>
 */
public final class TestPlatform {

    /** Where clients POST reports. */
    public static final String REPORTS = "/api/v1/reports";

    private TestPlatform() {
    }

    /** A started WireMock with an HTTP and an HTTPS port on 127.0.0.1; stop it after the test. */
    public static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .dynamicHttpsPort().notifier(new ConsoleNotifier(false)).gzipDisabled(true));
        server.start();
        return server;
    }

    /** The platform's base URL ({@code telemetry.endpoint}). */
    public static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every report POSTed to {@link #REPORTS}, in order. */
    public static List<LoggedRequest> posted(WireMockServer server) {
        return server.findAll(postRequestedFor(urlEqualTo(REPORTS)));
    }

    /** The report a request carried, gunzipped when its body is gzip. */
    public static Report report(LoggedRequest request) {
        return ReportJson.read(body(request));
    }

    /** A request's body as text, gunzipped when it is gzip. */
    public static String body(LoggedRequest request) {
        return body(request.getBody());
    }

    /**
     * A body as text, gunzipped when it is gzip (told by its magic bytes: depending on its configuration WireMock
     * hands a gzip body over raw or already decompressed, while the header still says gzip).
     */
    public static String body(byte[] bytes) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return gunzip(bytes);
    }

    /** Decompresses a gzip body. */
    public static String gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
