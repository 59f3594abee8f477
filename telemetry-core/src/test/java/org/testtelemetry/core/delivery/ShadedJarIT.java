package org.testtelemetry.core.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.assertWellFormed;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.queued;
import static org.testtelemetry.core.delivery.DeliveryTestSupport.report;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/** The packaged, shaded jar as users run it: {@code java -jar telemetry-core-<version>.jar flush}. */
class ShadedJarIT {

    private static WireMockServer wireMock;

    @TempDir
    Path outbox;
    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        wireMock = DeliveryTestSupport.wireMock();
        wireMock.stubFor(post("/api/v1/reports").willReturn(aResponse().withStatus(202)));
    }

    @AfterAll
    static void stop() {
        wireMock.stop();
    }

    private static Path jar() {
        return Path.of(System.getProperty("telemetry.it.jar"));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Run(int exit, String output, long elapsedMs) {
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        Path log = work.resolve("out-" + System.nanoTime() + ".txt");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        // OkHttp's idle pool threads live 60 s: a JVM they kept alive would still be running at 30 s.
        boolean ended = process.waitFor(30, TimeUnit.SECONDS);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("the JVM ended by itself; output: " + Files.readString(log)).isTrue();
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), elapsed);
    }

    @Test
    void flushFromTheShadedJarSendsTheQueuedReport() throws Exception {
        Report report = report(UUID.randomUUID(), Instant.now().minusSeconds(60));
        new Outbox(outbox).save(report, ReportJson.writeBytes(report));
        String endpoint = "http://127.0.0.1:" + wireMock.port();

        // A generous budget: this checks the shaded jar's wiring, not the budget (tested in DeliveryBudgetTest), and a
        // cold JVM on a loaded 2-core machine can spend more than the default 3 s loading the HTTP client.
        Run run = run(List.of(java(), "-Dtelemetry.enabled=true", "-Dtelemetry.endpoint=" + endpoint,
                "-Dtelemetry.timeout=30s", "-Dtelemetry.outbox=" + outbox, "-Duser.home=" + work, "-jar",
                jar().toString(), "flush"));

        assertThat(run.exit()).isZero();
        assertThat(run.output()).containsPattern(java.util.regex.Pattern.quote(
                "Test telemetry: outbox flush — sent 1 report to " + endpoint + " in ") + "\\d+ ms");
        var requests = wireMock.findAll(postRequestedFor(urlEqualTo("/api/v1/reports"))).stream()
                .filter(r -> report.id().toString().equals(r.getHeader("Idempotency-Key"))).toList();
        assertThat(requests).hasSize(1);
        assertWellFormed(requests.get(0), report, null);
        assertThat(queued(outbox)).isEmpty();
    }

    @Test
    void okHttpIsRelocatedInsideTheJar() throws IOException {
        try (JarFile jar = new JarFile(jar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("org/testtelemetry/shaded/okhttp3/OkHttpClient"));
            assertThat(names).anyMatch(n -> n.startsWith("org/testtelemetry/shaded/okio/"));
            assertThat(names).anyMatch(n -> n.startsWith("org/testtelemetry/shaded/kotlin/"));
            assertThat(names).noneMatch(n -> n.startsWith("okhttp3/") || n.startsWith("okio/")
                    || n.startsWith("kotlin/"));
        }
    }

    @Test
    void aJvmThatDeliveredEndsByItselfEvenAfterABlackhole() throws Exception {
        try (RawServer blackhole = new RawServer((socket, self) -> Thread.sleep(60_000))) {
            List<String> command = new ArrayList<>(List.of(java(), "-cp",
                    jar() + File.pathSeparator + System.getProperty("telemetry.it.testClasses"),
                    DeliverThenReturn.class.getName(), blackhole.url(), outbox.toString(),
                    work.resolve("target").toString(), "1s"));

            Run run = run(command);

            assertThat(run.exit()).isZero();
            assertThat(run.output()).contains("— not sent: no answer within the 1 s budget; kept in " + outbox)
                    .contains("main returned");
            assertThat(queued(outbox)).hasSize(1);
        }
    }
}
