package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.SUMMARY;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.assertQueued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.assertValidReport;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.config;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.context;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.queued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.delivery.DeliveryResult.Status;
import org.testtelemetry.report.Metrics;

/** The writers other than the network: the line, the file, dry run, disabled runs, and the guard. */
class WritersTest extends WireMockTestCase {

    @BeforeEach
    void accept() {
        wireMock.stubFor(post(PATH).willReturn(aResponse().withStatus(202)));
    }

    private static String endpoint() {
        return wireMockUrl();
    }

    @Test
    void fileWriterWritesTheReportAtomicallyUnderTheBuildDirectory() throws IOException {
        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.outbox", outbox.toString()), log,
                context(buildDir));

        Path file = buildDir.resolve("telemetry").resolve("report-" + report.id() + ".json");
        assertThat(result.status()).isEqualTo(Status.WRITTEN);
        assertThat(result.line()).isEqualTo(SUMMARY + " — written to " + file);
        assertThat(log.infos()).containsExactly(result.line());
        assertValidReport(Files.readString(file), report);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file); // no temp file left behind
        }
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void defaultBuildDirectoryIsTargetUnderTheWorkingDirectory() {
        DeliveryContext context = new DeliveryContext(null, null, Map.of("user.dir", buildDir.toString()), Map.of());

        assertThat(context.buildDir()).isEqualTo(buildDir.resolve("target"));
        assertThat(DeliveryContext.defaults().buildDir())
                .isEqualTo(Path.of(System.getProperty("user.dir")).resolve("target"));
    }

    @Test
    void fileWriterThatCannotWriteSaysSoInOneWarning() throws IOException {
        Path blocked = Files.writeString(buildDir.resolve("target"), "a file where a folder should be");

        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.writers", "file,stdout"), log,
                context(blocked));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.line()).isEqualTo(SUMMARY + " — could not write "
                + blocked.resolve("telemetry").resolve("report-" + report.id() + ".json") + ": Not a directory");
        assertThat(log.warnings()).containsExactly(result.line());
    }

    @Test
    void httpAndFileWritersBothRunAndTheLineNamesBoth() {
        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.endpoint", endpoint(),
                "telemetry.writers", "http,file,stdout", "telemetry.outbox", outbox.toString()), log,
                context(buildDir));

        assertThat(result.status()).isEqualTo(Status.SENT);
        assertThat(result.line()).matches(java.util.regex.Pattern.quote(SUMMARY + " — sent to " + endpoint() + " in ")
                + "\\d+ ms; written to " + java.util.regex.Pattern.quote(buildDir.resolve("telemetry")
                .resolve("report-" + report.id() + ".json").toString()));
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void withoutTheStdoutWriterTheLineIsOnlyReturnedAndDebugged() {
        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.endpoint", endpoint(),
                "telemetry.writers", "http", "telemetry.outbox", outbox.toString()), log, context(buildDir));

        assertThat(result.status()).isEqualTo(Status.SENT);
        assertThat(log.infos()).isEmpty();
        assertThat(log.warnings()).isEmpty();
        assertThat(log.debugs()).contains(result.line());
    }

    @Test
    void httpWriterWithoutEndpointKeepsTheReportForLater() throws IOException {
        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.writers", "http,stdout",
                "telemetry.outbox", outbox.toString()), log, context(buildDir));

        assertThat(result.status()).isEqualTo(Status.SAVED);
        assertThat(result.line()).isEqualTo(SUMMARY + " — not sent: telemetry.endpoint is not set; kept in " + outbox
                + " and will be sent on the next run");
        assertQueued(outbox, report);
    }

    @Test
    void stdoutAloneOnlyPrintsTheLine() {
        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.writers", "stdout",
                "telemetry.outbox", outbox.toString()), log, context(buildDir));

        assertThat(result.status()).isEqualTo(Status.WRITTEN);
        assertThat(result.line()).isEqualTo(SUMMARY + " — printed only (telemetry.writers=stdout)");
        assertThat(log.infos()).containsExactly(result.line());
        assertThat(buildDir.resolve("telemetry")).doesNotExist();
    }

    @Test
    void dryRunPrintsTheJsonAndSendsNothing() {
        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.endpoint", endpoint(),
                "telemetry.dryRun", "true", "telemetry.writers", "http,file,stdout",
                "telemetry.outbox", outbox.toString()), log, context(buildDir));

        assertThat(result.status()).isEqualTo(Status.DRY_RUN);
        assertThat(result.line()).isEqualTo(SUMMARY + " — dry run: nothing sent to " + endpoint());
        assertThat(log.infos()).hasSize(2).last().isEqualTo(result.line());
        assertValidReport(log.infos().get(0), report);
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(queued(outbox)).isEmpty();
        assertThat(buildDir.resolve("telemetry")).doesNotExist();
    }

    @Test
    void doNotTrackDisablesDeliveryAndSaysWhy() {
        Configuration config = Configuration.load(new ConfigInputs(Map.of("telemetry.enabled", "true",
                "telemetry.endpoint", endpoint(), "telemetry.outbox", outbox.toString()),
                Map.of("DO_NOT_TRACK", "1"), Map.of(), null, Map.of(), null));

        DeliveryResult result = ReportDelivery.deliver(report, config, log, context(buildDir));

        assertThat(result.status()).isEqualTo(Status.DISABLED);
        assertThat(result.line()).isEqualTo(SUMMARY + " — disabled: DO_NOT_TRACK is set");
        assertThat(log.infos()).containsExactly(result.line());
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void summaryNamesAbortedAndIncompleteOnlyWhenThereAreSomeAndCoverageOnlyWhenMeasured() {
        Metrics metrics = new Metrics(1, 1, new Metrics.Tests(6, 1, 1, 1, 1, 1, 1, 0), null, 0, 0, null, 1, null, 1);
        org.testtelemetry.report.Report other = org.testtelemetry.report.ReportBuilder
                .create(report.environment(), report.project()).metrics(metrics).build();

        assertThat(SummaryLine.of(other)).isEqualTo("Test telemetry: 6 tests (1 passed, 1 failed, 1 errored, "
                + "1 skipped, 1 aborted, 1 incomplete)");
    }

    @Test
    void anythingThrownInsideBecomesOneWarningLine() {
        DeliveryResult result = ReportDelivery.deliver(null, config(), log, context(buildDir));

        assertThat(result.status()).isEqualTo(Status.FAILED);
        assertThat(result.line()).startsWith("Test telemetry: not sent: unexpected NullPointerException");
        assertThat(log.warnings()).containsExactly(result.line());
    }

    @Test
    void aLogThatThrowsCannotBreakTheBuild() {
        TelemetryLog broken = throwing(() -> {
            throw new IllegalStateException("console closed");
        });

        DeliveryResult result = ReportDelivery.deliver(report, config("telemetry.outbox", outbox.toString()), broken,
                context(buildDir));

        assertThat(result.status()).isEqualTo(Status.WRITTEN);
    }

    @Test
    void virtualMachineErrorsAreNotSwallowed() {
        TelemetryLog outOfMemory = throwing(() -> {
            throw new OutOfMemoryError("simulated");
        });

        assertThatThrownBy(() -> ReportDelivery.deliver(report, config("telemetry.outbox", outbox.toString()),
                outOfMemory, context(buildDir))).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void noTelemetryThreadKeepsTheJvmAlive() throws IOException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        int refused = DeliveryTestSupport.refusedPort();

        ReportDelivery.warmUp();
        ReportDelivery.deliver(report, config("telemetry.endpoint", endpoint(), "telemetry.outbox",
                outbox.toString()), log, context(buildDir));
        ReportDelivery.deliver(report(), config("telemetry.endpoint", "http://127.0.0.1:" + refused,
                "telemetry.outbox", outbox.toString()), log, context(buildDir));
        ReportDelivery.deliver(report(), config("telemetry.endpoint", "http://telemetry.invalid",
                "telemetry.outbox", outbox.toString()), log, context(buildDir));

        Set<String> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                .filter(t -> !isJetty(t)) // WireMock's own server threads come and go on demand
                .map(Thread::getName).collect(Collectors.toSet());
        assertThat(started).as("non-daemon threads started by delivery").isEmpty();
    }

    /** A log whose info and warn run {@code thrower}, which throws. */
    private static TelemetryLog throwing(Runnable thrower) {
        return new TelemetryLog() {
            @Override
            public void info(String line) {
                thrower.run();
            }

            @Override
            public void warn(String line) {
                thrower.run();
            }
        };
    }

    private static boolean isJetty(Thread thread) {
        return thread.getName().startsWith("qtp") || thread.getName().startsWith("Connector-Scheduler")
                || java.util.Arrays.stream(thread.getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith("org.eclipse.jetty"));
    }
}
