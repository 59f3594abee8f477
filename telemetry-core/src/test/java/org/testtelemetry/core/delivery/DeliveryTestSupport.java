package org.testtelemetry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.TelemetryVersion;
import org.testtelemetry.core.testing.TestPlatform;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.Configuration;
import org.testtelemetry.core.env.EnvironmentDetector;
import org.testtelemetry.core.privacy.PrivacyGuard;
import org.testtelemetry.report.Anonymization;
import org.testtelemetry.report.Environment;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Project;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportBuilder;
import org.testtelemetry.report.ReportJson;


/** Reports, configurations, a recording log and the assertions every delivery test makes. */
final class DeliveryTestSupport {

    /** What the one line starts with for {@link #report()}. */
    static final String SUMMARY =
            "Test telemetry: 95 tests (90 passed, 2 failed, 1 errored, 2 skipped), line coverage 87.1%";
    /**
     * Scheduling noise allowed on top of a budget. Budgets are enforced by socket and call timeouts, so any
     * overshoot is the OS not running us: 2 shared cores under a parallel build (load 14 was seen) need this much.
     */
    static final long SLACK_MS = 1000;

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ReportJson.schema());

    private DeliveryTestSupport() {
    }

    /** 95 tests, 87.1% line coverage, a fresh id. */
    static Report report() {
        return report(UUID.randomUUID(), Instant.now());
    }

    static Report report(UUID id, Instant createdAt) {
        Environment environment = EnvironmentDetector.detect(Map.of("java.version", "17.0.15",
                "java.vendor", "Eclipse Adoptium", "os.name", "Linux", "os.version", "6.1", "os.arch", "amd64"),
                Map.of(), "junit5", null);
        Metrics.Counter line = new Metrics.Counter(871, 129);
        Metrics.Counter zero = new Metrics.Counter(0, 0);
        Metrics metrics = new Metrics(12, 80, new Metrics.Tests(95, 90, 2, 1, 2, 0, 0, 0), null, 1, 0,
                new Metrics.Coverage(line, zero, zero, zero, zero), 4200, new Metrics.Memory(64L << 20), 1);
        return PrivacyGuard.of(Map.of(), Map.of(), "build-host").enforce(ReportBuilder.create(environment,
                        new Project("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210",
                                Anonymization.ALL))
                .metrics(metrics).id(id).clock(java.time.Clock.fixed(createdAt, java.time.ZoneOffset.UTC))
                .build());
    }

    /** Telemetry enabled, plus {@code settings} as system properties. */
    static Configuration config(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put("telemetry.enabled", "true");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return Configuration.load(new ConfigInputs(props, Map.of(), Map.of(), null, Map.of(), null));
    }

    /** A port on 127.0.0.1 where nothing listens: connecting is refused. */
    static int refusedPort() {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A context with no proxy settings, whatever the machine running the tests has. */
    static DeliveryContext context(Path buildDir) {
        return new DeliveryContext(buildDir, null, Map.of(), Map.of());
    }

    /** WireMock on 127.0.0.1, http and https (its own self-signed certificate), quiet. */
    static WireMockServer wireMock() {
        return TestPlatform.start();
    }

    /** The outbox's report files (not temp files, not set-aside folders). */
    static List<Path> queued(Path outbox) {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the outbox holds exactly these reports, byte for byte what {@link ReportJson} writes. */
    static void assertQueued(Path outbox, Report... reports) throws IOException {
        List<Path> files = queued(outbox);
        assertThat(files).hasSize(reports.length);
        for (int i = 0; i < reports.length; i++) {
            String json = Files.readString(files.get(i));
            assertThat(ReportJson.read(json).id()).isEqualTo(reports[i].id());
            assertThat(json).isEqualTo(ReportJson.write(reports[i]));
        }
    }

    /** Asserts a request carried the report as the platform expects it: headers and a gzip, schema-valid body. */
    static void assertWellFormed(LoggedRequest request, Report report, String token) {
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(report.id().toString());
        assertThat(request.getHeader("User-Agent")).isEqualTo("test-telemetry/" + TelemetryVersion.get());
        if (token == null) {
            assertThat(request.containsHeader("Authorization")).isFalse();
        } else {
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + token);
        }
        assertValidReport(body(request.getBody()), report);
    }

    /** Asserts {@code server} received exactly these reports, in this order, well-formed, and the outbox is empty. */
    static void assertDeliveredInOrder(WireMockServer server, Path outbox, Report... reports) {
        List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock
                .postRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/v1/reports")));
        assertThat(requests).hasSize(reports.length);
        for (int i = 0; i < reports.length; i++) {
            assertWellFormed(requests.get(i), reports[i], null);
        }
        assertThat(queued(outbox)).isEmpty();
    }

    static String body(byte[] bytes) {
        return TestPlatform.body(bytes);
    }

    static String gunzip(byte[] bytes) {
        return TestPlatform.gunzip(bytes);
    }

    static void assertValidReport(String json, Report report) {
        List<Error> errors = SCHEMA.validate(json, InputFormat.JSON);
        assertThat(errors).as("schema errors").isEmpty();
        assertThat(ReportJson.read(json).id()).isEqualTo(report.id());
    }

    /** A delivery and how long it took. */
    record Timed(DeliveryResult result, long elapsedMs) {
    }

    static Timed timed(java.util.function.Supplier<DeliveryResult> delivery) {
        long start = System.nanoTime();
        DeliveryResult result = delivery.get();
        return new Timed(result, (System.nanoTime() - start) / 1_000_000);
    }
}
