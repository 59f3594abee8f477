package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.SUMMARY;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.assertWellFormed;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.config;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.delivery.DeliveryResult.Status;

/** The standard proxy settings, against WireMock acting as a real forward proxy. */
class ProxyTest extends DeliveryTestCase {

    private static final String PATH = "/api/v1/reports";

    private WireMockServer proxy;
    private WireMockServer platform;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.stop();
        }
        if (platform != null) {
            platform.stop();
        }
    }

    private DeliveryResult deliver(String endpoint, Map<String, String> sysProps, Map<String, String> env) {
        return ReportDelivery.deliver(report, config("telemetry.endpoint", endpoint,
                "telemetry.outbox", outbox.toString()), log, new DeliveryContext(buildDir, null, sysProps, env));
    }

    private WireMockServer start(boolean forwarding) {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .enableBrowserProxying(forwarding).notifier(new ConsoleNotifier(false)).gzipDisabled(true));
        server.start();
        return server;
    }

    @Test
    void httpProxyEnvironmentVariableRoutesThroughARealForwardProxy() {
        platform = start(false);
        platform.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));
        proxy = start(true);
        String endpoint = "http://127.0.0.1:" + platform.port();

        DeliveryResult result = deliver(endpoint, Map.of(),
                Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()));

        assertThat(result.status()).isEqualTo(Status.SENT);
        assertThat(result.line()).startsWith(SUMMARY + " — sent to " + endpoint + " in ");
        List<LoggedRequest> proxied = proxy.findAll(anyRequestedFor(anyUrl()));
        assertThat(proxied).hasSize(1);
        assertThat(proxied.get(0).getAbsoluteUrl()).isEqualTo(endpoint + PATH);
        assertWellFormed(proxied.get(0), report, null);
        // WireMock's proxy replaces User-Agent when it forwards; the rest must arrive as sent.
        List<LoggedRequest> received = platform.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeader("Idempotency-Key")).isEqualTo(report.id().toString());
        DeliveryTestSupport.assertValidReport(DeliveryTestSupport.body(received.get(0).getBody()), report);
    }

    @Test
    void proxySystemPropertiesWinAndReachAHostOnlyTheProxyKnows() {
        proxy = start(false);
        proxy.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));

        DeliveryResult result = deliver("http://telemetry.invalid:8080",
                Map.of("http.proxyHost", "127.0.0.1", "http.proxyPort", String.valueOf(proxy.port())),
                Map.of("HTTP_PROXY", "http://127.0.0.1:9"));

        assertThat(result.status()).isEqualTo(Status.SENT);
        List<LoggedRequest> received = proxy.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getHeader("Host")).isEqualTo("telemetry.invalid:8080");
        assertWellFormed(received.get(0), report, null);
    }

    @Test
    void noProxyBypassesTheProxy() {
        proxy = start(false);
        proxy.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));

        DeliveryResult result = deliver("http://telemetry.invalid", Map.of(),
                Map.of("http_proxy", "127.0.0.1:" + proxy.port(), "no_proxy", "example.com,.invalid"));

        assertThat(result.status()).isEqualTo(Status.SAVED);
        assertThat(result.line()).contains("not sent: unknown host telemetry.invalid");
        assertThat(proxy.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void proxyCredentialsFromTheUrlAnswerTheProxysChallenge() {
        proxy = start(false);
        proxy.stubFor(post(PATH).withHeader("Proxy-Authorization", absent())
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
        proxy.stubFor(post(PATH).withHeader("Proxy-Authorization", equalTo("Basic dXNlcjpwQHNz"))
                .willReturn(aResponse().withStatus(202)));

        DeliveryResult result = deliver("http://telemetry.invalid", Map.of(),
                Map.of("HTTP_PROXY", "http://user:p%40ss@127.0.0.1:" + proxy.port()));

        assertThat(result.status()).isEqualTo(Status.SENT);
        assertThat(proxy.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(2);
        assertThat(log.all()).noneMatch(line -> line.contains("p@ss") || line.contains("dXNlcjpwQHNz"));
    }

    @Test
    void selectionFollowsTheUsualConventions() {
        ProxySettings env = ProxySettings.from(Map.of(), Map.of("HTTPS_PROXY", "proxy.corp:3128",
                "NO_PROXY", "internal.corp, 10.0.0.7 ,api.example.com:8443"));
        assertThat(env.select(URI.create("https://platform.example.org/")).get(0).type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(env.select(URI.create("https://a.internal.corp/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(env.select(URI.create("https://internal.corp/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(env.select(URI.create("https://10.0.0.7/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(env.select(URI.create("https://api.example.com:8443/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(env.select(URI.create("https://api.example.com/")).get(0).type()).isEqualTo(Proxy.Type.HTTP);
        assertThat(env.select(URI.create("http://platform.example.org/"))).as("no HTTP_PROXY")
                .containsExactly(Proxy.NO_PROXY);

        ProxySettings props = ProxySettings.from(Map.of("https.proxyHost", "proxy.corp",
                "http.nonProxyHosts", "*.internal|localhost"), Map.of());
        assertThat(props.select(URI.create("https://x.internal/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(props.select(URI.create("https://localhost/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(props.select(URI.create("https://platform.example.org/")).get(0).address().toString())
                .contains("proxy.corp").contains("443");

        ProxySettings javaDefault = ProxySettings.from(Map.of("http.proxyHost", "proxy.corp"), Map.of());
        assertThat(javaDefault.select(URI.create("http://127.0.0.1:8080/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(ProxySettings.from(Map.of(), Map.of("NO_PROXY", "*", "HTTPS_PROXY", "p:1"))
                .select(URI.create("https://anything/"))).containsExactly(Proxy.NO_PROXY);
    }
}
