package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.SLACK_MS;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.SUMMARY;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.assertQueued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.assertWellFormed;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.config;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.context;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.queued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.timed;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.core.delivery.DeliveryTestSupport.Timed;

/**
 * The fault matrix: one test per way a platform or network can fail. Each asserts that nothing reaches the caller,
 * the time stays within the budget (plus scheduling slack), the exact line, and that the report was either
 * delivered exactly once (headers and a gzip, schema-valid body) or kept in the outbox.
 */
class HttpFaultMatrixTest extends WireMockTestCase {

    private Timed deliver(String endpoint, String... settings) {
        String[] all = new String[settings.length + 4];
        all[0] = "telemetry.endpoint";
        all[1] = endpoint;
        all[2] = "telemetry.outbox";
        all[3] = outbox.toString();
        System.arraycopy(settings, 0, all, 4, settings.length);
        Configuration config = config(all);
        return timed(() -> ReportDelivery.deliver(report, config, log, context(buildDir)));
    }

    private String kept(String failure) {
        return SUMMARY + " — not sent: " + failure + "; kept in " + outbox + " and will be sent on the next run";
    }

    private void assertKept(Timed timed, String failure, long budgetMs) throws IOException {
        assertThat(timed.result().status()).isEqualTo(Status.SAVED);
        assertThat(timed.result().line()).isEqualTo(kept(failure));
        assertThat(log.infos()).containsExactly(kept(failure));
        assertThat(log.warnings()).isEmpty();
        assertThat(timed.elapsedMs()).isLessThanOrEqualTo(budgetMs + SLACK_MS);
        assertQueued(outbox, report);
    }

    private void assertSentOnce(Timed timed, String path) {
        assertThat(timed.result().status()).isEqualTo(Status.SENT);
        assertThat(timed.result().line()).matches(java.util.regex.Pattern.quote(SUMMARY + " — sent to "
                + wireMockUrl() + " in ") + "\\d+ ms");
        assertThat(log.infos()).containsExactly(timed.result().line());
        assertThat(timed.elapsedMs()).isLessThanOrEqualTo(3000 + SLACK_MS);
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(requests).hasSize(1);
        assertWellFormed(requests.get(0), report, null);
        assertThat(queued(outbox)).isEmpty();
    }

    @Test
    void healthyServerReceivesTheReportOnce() {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));

        assertSentOnce(deliver(wireMockUrl()), PATH);
    }

    @Test
    void connectionRefusedCostsMillisecondsAndKeepsTheReport() throws IOException {
        int port = DeliveryTestSupport.refusedPort();

        Timed timed = deliver("http://127.0.0.1:" + port);

        assertKept(timed, "connection refused", 3000);
        assertThat(timed.elapsedMs()).as("refused is not retried").isLessThan(1000);
    }

    @Test
    void unknownHost() throws IOException {
        Timed timed = deliver("http://telemetry.invalid");

        assertKept(timed, "unknown host telemetry.invalid", 3000);
    }

    @Test
    void blackholeThatAcceptsAndNeverAnswersEndsWithTheBudget() throws IOException {
        try (RawServer server = new RawServer((socket, self) -> Thread.sleep(60_000))) {
            Timed timed = deliver(server.url(), "telemetry.timeout", "1s");

            assertKept(timed, "no answer within the 1 s budget", 1000);
            assertThat(timed.elapsedMs()).isGreaterThanOrEqualTo(900);
            assertThat(server.connections.get()).isEqualTo(1);
        }
    }

    @Test
    void headersThenStallEndsWithTheBudgetAndNamesTheStatus() throws IOException {
        try (RawServer server = new RawServer((socket, self) -> {
            self.readRequest(socket);
            RawServer.write(socket, "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: 1000\r\n\r\nreport rej");
            Thread.sleep(60_000);
        })) {
            Timed timed = deliver(server.url(), "telemetry.timeout", "1s");

            assertKept(timed, "HTTP 400 Bad Request", 1000);
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void tricklingBodyAfterAcceptedStatusIsDeliveredWithoutWaitingForTheBody() {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(202).withBody("x".repeat(100))
                .withChunkedDribbleDelay(20, 10_000)));

        Timed timed = deliver(wireMockUrl());

        assertSentOnce(timed, PATH);
        assertThat(timed.elapsedMs()).isLessThan(2000);
    }

    @Test
    void serverErrorIsNotRetried() throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(500)
                .withBody("database unavailable\nat com.example.Store.save(Store.java:42)")));

        Timed timed = deliver(wireMockUrl());

        assertKept(timed, "HTTP 500 Server Error: database unavailable", 3000);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void unavailableWithRetryAfterIsRetriedAfterTheServersDelay() {
        wireMock.stubFor(post(PATH).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1"))
                .willSetStateTo("ready"));
        wireMock.stubFor(post(PATH).inScenario("busy").whenScenarioStateIs("ready")
                .willReturn(aResponse().withStatus(202)));

        Timed timed = deliver(wireMockUrl());

        assertThat(timed.result().status()).isEqualTo(Status.SENT);
        assertThat(timed.elapsedMs()).isBetween(1000L, 3000 + SLACK_MS);
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).hasSize(2);
        assertWellFormed(requests.get(1), report, null);
        assertThat(requests.get(1).getHeader("Idempotency-Key"))
                .isEqualTo(requests.get(0).getHeader("Idempotency-Key"));
        assertThat(queued(outbox)).isEmpty();
    }

    @Test
    void retryAfterLongerThanTheBudgetIsNotWaitedFor() throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));

        Timed timed = deliver(wireMockUrl());

        assertKept(timed, "HTTP 503 Service Unavailable", 3000);
        assertThat(timed.elapsedMs()).isLessThan(1000);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void tooManyRequestsIsRetriedWithBackoffThenKept() throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(429)));

        Timed timed = deliver(wireMockUrl());

        assertKept(timed, "HTTP 429 Too Many Requests", 3000);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(DeliveryBudget.MAX_ATTEMPTS);
        assertThat(timed.elapsedMs()).as("100 + 200 + 400 ms of back-off").isGreaterThanOrEqualTo(700);
    }

    @Test
    void badRequestShowsTheFirstLineOfTheServersJsonMessage() throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid report\","
                        + "\"message\":\"metrics.tests.total: must be >= 0\\nsee docs\"}")));

        Timed timed = deliver(wireMockUrl());

        assertKept(timed, "HTTP 400 Bad Request: metrics.tests.total: must be >= 0", 3000);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void unauthorizedIsNotRetriedAndNeverPrintsTheToken() throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(401).withBody("invalid token")));
        String token = "s3cr3t-token-value";

        Timed timed = deliver(wireMockUrl(), "telemetry.token", token);

        assertKept(timed, "HTTP 401 Unauthorized: invalid token (check telemetry.token)", 3000);
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        assertWellFormed(requests.get(0), report, token);
        assertThat(log.all()).noneMatch(line -> line.contains(token));
    }

    @Test
    void payloadTooLargeIsNotRetried() throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(413)));

        Timed timed = deliver(wireMockUrl());

        assertKept(timed, "HTTP 413 Payload Too Large", 3000);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {301, 302, 307, 308})
    void redirectIsFollowedWithTheSameBody(int status) {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withHeader("Location", "/v2" + PATH)));
        wireMock.stubFor(post("/v2" + PATH).willReturn(aResponse().withStatus(202)));

        Timed timed = deliver(wireMockUrl());

        assertSentOnce(timed, "/v2" + PATH);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    @Test
    void redirectLoopEndsAfterFiveHops() throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(307).withHeader("Location", PATH)));

        Timed timed = deliver(wireMockUrl());

        assertKept(timed, "too many redirects (more than 5)", 3000);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(DeliveryBudget.MAX_REDIRECTS + 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "CONNECTION_RESET_BY_PEER, connection reset",
        "EMPTY_RESPONSE, the server closed the connection without answering",
        "RANDOM_DATA_THEN_CLOSE, malformed response from the server"})
    void brokenConnectionIsRetriedThenKept(Fault fault, String failure) throws IOException {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withFault(fault)));

        Timed timed = deliver(wireMockUrl());

        assertKept(timed, failure, 3000);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(DeliveryBudget.MAX_ATTEMPTS);
    }

    @Test
    void malformedChunkAfterAnOkStatusCountsAsDelivered() {
        // The status line is the platform's answer; what follows is a body the client does not need.
        wireMock.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        assertSentOnce(deliver(wireMockUrl()), PATH);
    }

    @Test
    void untrustedSelfSignedCertificateIsRefused() throws IOException {
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202)));

        Timed timed = deliver("https://127.0.0.1:" + wireMock.httpsPort());

        assertKept(timed, "TLS: the server's certificate is not trusted", 3000);
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void outboxThatCannotBeCreatedLosesTheReportWithOneWarning() throws IOException {
        // Tests may run as root, which writes through any permission bits: a path under a regular file is the
        // portable "not writable" outbox.
        Path unwritable = Files.writeString(buildDir.resolve("a-file"), "not a folder").resolve("outbox");

        Timed timed = timed(() -> ReportDelivery.deliver(report, config("telemetry.endpoint",
                "http://127.0.0.1:" + DeliveryTestSupport.refusedPort(), "telemetry.outbox", unwritable.toString()),
                log, context(buildDir)));

        assertLost(timed, unwritable, "Not a directory");
    }

    @Test
    void outboxOnAFullDiskLosesTheReportWithOneWarning() throws IOException {
        // No tmpfs can be mounted without root; the kernel's /dev/full answers every write with ENOSPC, so the
        // outbox's temp file for this report is made a link to it: a real "No space left on device".
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "/dev/full exists");
        Path file = outbox.resolve(String.format("%013d-%s.json", report.createdAt().toEpochMilli(), report.id()));
        Files.createSymbolicLink(outbox.resolve("." + file.getFileName() + AtomicFiles.TEMP_SUFFIX), full);

        Timed timed = deliver("http://127.0.0.1:" + DeliveryTestSupport.refusedPort());

        assertLost(timed, outbox, "No space left on device");
        assertThat(queued(outbox)).isEmpty();
    }

    private void assertLost(Timed timed, Path dir, String reason) {
        String line = SUMMARY + " — not sent: connection refused; could not keep it in " + dir + " (" + reason
                + "), so this report is lost";
        assertThat(timed.result().status()).isEqualTo(Status.FAILED);
        assertThat(timed.result().line()).isEqualTo(line);
        assertThat(log.warnings()).containsExactly(line);
        assertThat(log.infos()).isEmpty();
        assertThat(timed.elapsedMs()).isLessThanOrEqualTo(3000 + SLACK_MS);
    }
}
