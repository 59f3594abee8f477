package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.config;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.context;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.queued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.report;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.testing.RecordingLog;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.report.Report;

/** Runs sharing one outbox: each queued report is claimed by one of them and sent once. */
class OutboxClaimTest extends WireMockTestCase {

    private List<Report> queueSix() throws IOException {
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            reports.add(queue(report(UUID.randomUUID(), Instant.now().minusSeconds(60 - i))));
        }
        return reports;
    }

    /** Three flushes started together, as three CI steps or builds sharing a home would. */
    private List<DeliveryResult> threeConcurrentFlushes(Configuration config) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<DeliveryResult>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<DeliveryResult> flush = () -> {
                    start.await();
                    return ReportDelivery.flush(config, new RecordingLog(), context(buildDir));
                };
                runs.add(pool.submit(flush));
            }
            start.countDown();
            List<DeliveryResult> results = new ArrayList<>();
            for (Future<DeliveryResult> run : runs) {
                results.add(run.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private Set<String> claimFiles() throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".claimed-"))
                    .collect(Collectors.toSet());
        }
    }

    @RepeatedTest(3)
    void threeConcurrentFlushesOfSixReportsSendSixPosts() throws Exception {
        // slow enough that the three runs overlap for the whole replay
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(202).withFixedDelay(100)));
        List<Report> reports = queueSix();

        List<DeliveryResult> results = threeConcurrentFlushes(config("telemetry.endpoint", wireMockUrl(),
                "telemetry.outbox", outbox.toString(), "telemetry.timeout", "20s"));

        wireMock.verify(6, postRequestedFor(urlEqualTo(PATH)));
        Set<String> sentIds = wireMock.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getHeader("Idempotency-Key")).collect(Collectors.toSet());
        assertThat(sentIds).containsExactlyInAnyOrderElementsOf(reports.stream().map(r -> r.id().toString()).toList());
        assertThat(queued(outbox)).isEmpty();
        assertThat(claimFiles()).isEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(DeliveryResult.Status.SENT));
    }

    @Test
    void concurrentFlushesToADeadServerGiveEveryReportBack() throws Exception {
        List<Report> reports = queueSix();

        threeConcurrentFlushes(config("telemetry.endpoint", "http://127.0.0.1:" + DeliveryTestSupport.refusedPort(),
                "telemetry.outbox", outbox.toString()));

        assertThat(claimFiles()).isEmpty();
        DeliveryTestSupport.assertQueued(outbox, reports.toArray(Report[]::new));
    }

    @Test
    void aClaimLeftByAKilledRunIsSentOnceItIsStale() throws Exception {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));
        Report stale = queue(report(UUID.randomUUID(), Instant.now().minusSeconds(600)));
        Report fresh = queue(report(UUID.randomUUID(), Instant.now().minusSeconds(300)));
        Outbox box = new Outbox(outbox);
        // two runs died after claiming: one long ago, one a moment ago (it may still be sending)
        List<Outbox.Entry> pending = box.pending(Instant.now(), 10, new Outbox.Cleanup());
        Outbox.Entry old = box.claim(pending.get(0), Instant.now());
        Files.setLastModifiedTime(old.file(), FileTime.from(Instant.now().minus(Outbox.STALE_CLAIM).minusSeconds(5)));
        Outbox.Entry recent = box.claim(pending.get(1), Instant.now());
        assertThat(box.claim(pending.get(1), Instant.now())).as("a report is claimed once").isNull();

        DeliveryResult result = ReportDelivery.flush(config("telemetry.endpoint", wireMockUrl(),
                "telemetry.outbox", outbox.toString()), log, context(buildDir));

        // the stale claim was queued again and sent; the recent one is left to its run
        wireMock.verify(1, postRequestedFor(urlEqualTo(PATH)));
        assertThat(wireMock.getAllServeEvents().get(0).getRequest().getHeader("Idempotency-Key"))
                .isEqualTo(stale.id().toString());
        assertThat(Files.exists(recent.file())).isTrue();
        assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
        assertThat(fresh.id()).isNotNull();
    }
}
