package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.core.cli.Main;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;

/**
 * Plants credentials everywhere a user may put them — the endpoint's user-info and query, the token, the salt, a
 * proxy's password — and a server that echoes them back, then scans every line the client prints (show, flush,
 * delivery at every level, debug included, warnings and exception chains) for any of them.
 */
class NoCredentialInOutputTest extends WireMockTestCase {

    private static final String USER = "planted-user-4411";
    private static final String PASSWORD = "planted-pass-9c2e";
    private static final String QUERY = "planted-query-77ab";
    private static final String TOKEN = "planted-token-0f3d";
    private static final String SALT = "planted-salt-b6a1";
    private static final String PROXY_PASSWORD = "planted-proxy-5e8f";
    private static final List<String> SECRETS = List.of(USER, PASSWORD, QUERY, TOKEN, SALT, PROXY_PASSWORD);

    /** What the endpoint looks like and how the server behaves. */
    enum Scenario {
        ACCEPTED(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202)))),
        REJECTED_ECHOING_CREDENTIALS(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"bad request from " + USER + ":" + PASSWORD + " with token " + TOKEN
                        + " and salt " + SALT + "\"}")))),
        UNAUTHORIZED(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("token " + TOKEN + " is not valid")))),
        REDIRECT_WITH_CREDENTIALS(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + s.port()
                        + "/elsewhere?sig=" + QUERY)))),
        CONNECTION_RESET(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)))),
        MALFORMED(s -> s.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)))),
        SERVER_DOWN(s -> { }),
        QUERY_IN_ENDPOINT(s -> { }),
        NOT_A_URL(s -> { }),
        BAD_PORT(s -> { });

        final Consumer<com.github.tomakehurst.wiremock.WireMockServer> server;

        Scenario(Consumer<com.github.tomakehurst.wiremock.WireMockServer> server) {
            this.server = server;
        }

        String endpoint(int port) {
            String userInfo = USER + ":" + PASSWORD + "@";
            return switch (this) {
                case QUERY_IN_ENDPOINT -> "http://" + userInfo + "127.0.0.1:" + port + "/?k=" + QUERY + "#" + QUERY;
                case NOT_A_URL -> "htp//" + userInfo + "127.0.0.1:" + port;
                case BAD_PORT -> "http://" + userInfo + "127.0.0.1:99999/base";
                case SERVER_DOWN -> "http://" + userInfo + "127.0.0.1:" + DeliveryTestSupport.refusedPort() + "/base";
                default -> "http://" + userInfo + "127.0.0.1:" + port + "/base";
            };
        }
    }

    private Map<String, String> settings(Scenario scenario, boolean dryRun) {
        Map<String, String> props = new HashMap<>();
        props.put("telemetry.enabled", "true");
        props.put("telemetry.endpoint", scenario.endpoint(wireMock.port()));
        props.put("telemetry.token", TOKEN);
        props.put("telemetry.salt", SALT);
        props.put("telemetry.timeout", "2s");
        props.put("telemetry.writers", "http,stdout,file");
        props.put("telemetry.outbox", outbox.toString());
        props.put("telemetry.dryRun", String.valueOf(dryRun));
        props.put("user.home", buildDir.toString());
        props.put("user.dir", buildDir.toString());
        return props;
    }

    private static Map<String, String> proxyEnv() {
        // a proxy for another host only: its password is in the process, never to be printed
        return Map.of("HTTPS_PROXY", "http://proxyuser:" + PROXY_PASSWORD + "@127.0.0.1:9", "NO_PROXY", "127.0.0.1,localhost");
    }

    private static String captured(java.util.function.BiFunction<PrintStream, PrintStream, Integer> command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.apply(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + "\n" + err.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void noPlantedSecretInAnyLine(Scenario scenario) throws Exception {
        scenario.server.accept(wireMock);
        Map<String, String> props = settings(scenario, false);
        List<String> printed = new ArrayList<>();

        // the one line of a run and every debug line, with a report queued earlier replayed first
        Configuration config = Configuration.load(new ConfigInputs(props, proxyEnv(), Map.of(), null, Map.of(), null));
        config.warnings().forEach(w -> printed.add(w.line()));
        queue(DeliveryTestSupport.report());
        RecordingLog log = new RecordingLog();
        DeliveryResult result = ReportDelivery.deliver(report, config, log,
                new DeliveryContext(buildDir, null, props, proxyEnv()));
        printed.add(result.line());
        printed.addAll(log.lines);

        // dry run, flush and show, as a user runs them
        RecordingLog dry = new RecordingLog();
        Configuration dryConfig = Configuration.load(new ConfigInputs(settings(scenario, true), proxyEnv(), Map.of(),
                null, Map.of(), null));
        printed.add(ReportDelivery.deliver(report, dryConfig, dry, new DeliveryContext(buildDir, null, props,
                proxyEnv())).line());
        printed.addAll(dry.lines);
        printed.add(captured((out, err) -> Main.run(new String[] {"flush"}, out, err, props, proxyEnv())));
        printed.add(captured((out, err) -> Main.run(new String[] {"show"}, out, err, props, proxyEnv())));
        // what the file writer and the outbox keep is printed by whoever opens them
        try (var files = Files.walk(buildDir)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                printed.add(Files.readString(file));
            }
        }

        assertThat(printed).isNotEmpty();
        for (String line : printed) {
            for (String secret : SECRETS) {
                assertThat(line).as(scenario + " printed a secret").doesNotContain(secret);
            }
        }
        if (scenario == Scenario.REDIRECT_WITH_CREDENTIALS || scenario == Scenario.ACCEPTED) {
            assertThat(String.join("\n", log.lines)).as("debug lines were there to scan").contains("POST ");
        }
    }
}
