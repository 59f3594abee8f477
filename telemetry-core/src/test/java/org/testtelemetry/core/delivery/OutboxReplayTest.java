package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.SLACK_MS;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.SUMMARY;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.assertQueued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.body;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.config;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.context;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.queued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.report;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.timed;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.AtomicFiles;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.core.delivery.DeliveryTestSupport.Timed;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/** The outbox across runs: replay order and bounds, crash leftovers, unreadable files. */
class OutboxReplayTest extends DeliveryTestCase {

    private static final String PATH = "/api/v1/reports";

    private WireMockServer wireMock;

    @AfterEach
    void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
    }

    private WireMockServer startWireMock(int port) {
        wireMock = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").port(port)
                .notifier(new ConsoleNotifier(false)).gzipDisabled(true));
        wireMock.start();
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));
        return wireMock;
    }

    private Configuration config(String endpoint, String... more) {
        // A generous budget where time is not the subject: replay order and bounds must not depend on machine load.
        List<String> settings = new ArrayList<>(List.of("telemetry.endpoint", endpoint,
                "telemetry.outbox", outbox.toString(), "telemetry.timeout", "10s"));
        settings.addAll(List.of(more));
        return DeliveryTestSupport.config(settings.toArray(String[]::new));
    }

    private List<String> keysSeen() {
        return wireMock.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
    }

    @Test
    void serverDownOnRunOneUpOnRunTwoDeliversBothOldestFirstWithTheirIds() throws IOException {
        int port = DeliveryTestSupport.refusedPort();
        String endpoint = "http://127.0.0.1:" + port;
        Report first = report(UUID.randomUUID(), Instant.now().minusSeconds(5));
        Report second = report();

        DeliveryResult down = ReportDelivery.deliver(first, config(endpoint), log, context(buildDir));
        assertThat(down.status()).isEqualTo(Status.SAVED);
        assertQueued(outbox, first);

        startWireMock(port);
        Timed up = timed(() -> ReportDelivery.deliver(second, config(endpoint), log, context(buildDir)));

        assertThat(up.result().status()).isEqualTo(Status.SENT);
        assertThat(up.result().line()).matches(java.util.regex.Pattern.quote(SUMMARY + " — sent to " + endpoint
                + " in ") + "\\d+ ms \\(and 1 report queued by earlier runs\\)");
        assertThat(up.elapsedMs()).isLessThanOrEqualTo(10_000 + SLACK_MS);
        DeliveryTestSupport.assertDeliveredInOrder(wireMock, outbox, first, second);
    }

    @Test
    void partialTempFileFromAKilledProcessIsNeverSentAndNeverBlocks() throws IOException {
        startWireMock(0);
        Report queuedReport = report(UUID.randomUUID(), Instant.now().minusSeconds(60));
        queue(queuedReport);
        Report killed = report(UUID.randomUUID(), Instant.now().minusSeconds(30));
        String half = ReportJson.write(killed).substring(0, 200);
        Path fresh = outbox.resolve("." + killed.createdAt().toEpochMilli() + "-" + killed.id() + ".json"
                + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(fresh, half);
        Path stale = outbox.resolve(".0000000000001-" + UUID.randomUUID() + ".json" + AtomicFiles.TEMP_SUFFIX);
        Files.writeString(stale, half);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Report current = report();

        DeliveryResult result = ReportDelivery.deliver(current, config("http://127.0.0.1:" + wireMock.port()), log,
                context(buildDir));

        assertThat(result.status()).isEqualTo(Status.SENT);
        assertThat(keysSeen()).containsExactly(queuedReport.id().toString(), current.id().toString());
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(PATH))))
                .noneMatch(r -> body(r.getBody()).contains(killed.id().toString()));
        assertThat(log.warnings()).isEmpty();
        assertThat(queued(outbox)).isEmpty();
        assertThat(fresh).exists();
        assertThat(stale).doesNotExist();
    }

    @Test
    void unreadableFilesAreMovedAsideWithOneWarning() throws IOException {
        startWireMock(0);
        Report good = report(UUID.randomUUID(), Instant.now().minusSeconds(60));
        queue(good);
        long recent = Instant.now().minusSeconds(30).toEpochMilli();
        Files.writeString(outbox.resolve(recent + "-" + UUID.randomUUID() + ".json"), "{not json");
        Files.write(outbox.resolve((recent + 1) + "-" + UUID.randomUUID() + ".json"), new byte[] {0, 1, 2});
        Files.writeString(outbox.resolve("notes.json"), "{}");
        Report current = report();

        DeliveryResult result = ReportDelivery.deliver(current, config("http://127.0.0.1:" + wireMock.port()), log,
                context(buildDir));

        assertThat(result.status()).isEqualTo(Status.SENT);
        assertThat(log.warnings()).containsExactly("Test telemetry: moved 3 unreadable files aside to "
                + outbox.resolve("corrupt"));
        assertThat(keysSeen()).containsExactly(good.id().toString(), current.id().toString());
        assertThat(queued(outbox)).isEmpty();
        try (var aside = Files.list(outbox.resolve("corrupt"))) {
            assertThat(aside).hasSize(3);
        }
    }

    @Test
    void replayIsBoundedInCountAndAge() throws IOException {
        startWireMock(0);
        Instant now = Instant.now();
        Report tooOld = report(UUID.randomUUID(), now.minus(DeliveryBudget.REPLAY_MAX_AGE).minusSeconds(60));
        queue(tooOld);
        List<Report> waiting = new ArrayList<>();
        for (int i = 0; i < DeliveryBudget.REPLAY_MAX_REPORTS + 3; i++) {
            Report r = report(UUID.randomUUID(), now.minusSeconds(1000 - i));
            waiting.add(r);
            queue(r);
        }
        Report current = report();

        DeliveryResult result = ReportDelivery.deliver(current, config("http://127.0.0.1:" + wireMock.port()), log,
                context(buildDir));

        assertThat(result.status()).isEqualTo(Status.SENT);
        List<String> expected = new ArrayList<>(waiting.subList(0, DeliveryBudget.REPLAY_MAX_REPORTS).stream()
                .map(r -> r.id().toString()).toList());
        expected.add(current.id().toString());
        assertThat(keysSeen()).containsExactlyElementsOf(expected);
        assertQueued(outbox, waiting.subList(DeliveryBudget.REPLAY_MAX_REPORTS, waiting.size())
                .toArray(Report[]::new));
        assertThat(outbox.resolve("expired").resolve(queued(outbox.resolve("expired")).get(0).getFileName()))
                .content(StandardCharsets.UTF_8).contains(tooOld.id().toString());
    }

    @Test
    void reportTheServerRejectsStaysQueuedWhileOthersAreDelivered() throws IOException {
        startWireMock(0);
        Report rejected = report(UUID.randomUUID(), Instant.now().minusSeconds(90));
        Report accepted = report(UUID.randomUUID(), Instant.now().minusSeconds(60));
        queue(rejected);
        queue(accepted);
        wireMock.stubFor(post(PATH).withHeader("Idempotency-Key", equalTo(rejected.id().toString()))
                .willReturn(aResponse().withStatus(422).withBody("unsupported schemaVersion")));
        Report current = report();

        DeliveryResult result = ReportDelivery.deliver(current, config("http://127.0.0.1:" + wireMock.port()), log,
                context(buildDir));

        assertThat(result.status()).isEqualTo(Status.SENT);
        assertThat(keysSeen()).containsExactly(rejected.id().toString(), accepted.id().toString(),
                current.id().toString());
        assertQueued(outbox, rejected);
    }

    @Test
    void blackholeDuringReplayLeavesHalfTheBudgetForTheRunsOwnReport() throws IOException {
        Report waiting = report(UUID.randomUUID(), Instant.now().minusSeconds(60));
        queue(waiting);
        Report current = report(UUID.randomUUID(), Instant.now());
        try (RawServer server = new RawServer((socket, self) -> Thread.sleep(60_000))) {
            Timed timed = timed(() -> ReportDelivery.deliver(current, config(server.url(), "telemetry.timeout", "1s"),
                    log, context(buildDir)));

            assertThat(timed.result().line()).isEqualTo(SUMMARY + " — not sent: no answer within the 1 s budget; "
                    + "kept in " + outbox + " and will be sent on the next run");
            assertThat(timed.elapsedMs()).isBetween(900L, 1000 + SLACK_MS);
            assertThat(server.connections.get()).as("queued report, then this run's").isEqualTo(2);
            assertQueued(outbox, waiting, current);
        }
    }
}
