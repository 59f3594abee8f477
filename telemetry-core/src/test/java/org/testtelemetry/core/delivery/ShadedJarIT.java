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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;

/** The packaged, shaded jar as users run it: {@code java -jar telemetry-core-<version>.jar flush}. */
class ShadedJarIT {

    /**
     * What the end of a cold run may take beyond its budget: the call's timeout firing and the outbox write (tens of
     * ms idle). Less than loading the JSON mapper and the HTTP client in a cold JVM (1-2 s on this machine), which
     * the budget counts: before, the call took that loading plus the whole budget.
     */
    private static final long COLD_SLACK_MS = 500;

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

    /**
     * The relocation rewrites string constants that look like a relocated package too: the names we must keep as
     * they are (the user's JaCoCo agent, which the assertion agent skips and coverage reads) survive it.
     */
    @Test
    void namesOfTheUsersJaCoCoAgentSurviveTheRelocation() throws Exception {
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar().toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> transformer = loader.loadClass("org.testtelemetry.core.assertions.AssertionTransformer");
            java.lang.reflect.Field skipped = transformer.getDeclaredField("SKIPPED");
            skipped.setAccessible(true);
            assertThat((String[]) skipped.get(null)).contains("org/jacoco/", "org/testtelemetry/");
            Class<?> agent = loader.loadClass("org.testtelemetry.core.coverage.RunningAgent");
            java.lang.reflect.Field rt = agent.getDeclaredField("RT_CLASS");
            rt.setAccessible(true);
            assertThat(rt.get(null)).isEqualTo("org.jacoco.agent.rt.RT");
        }
    }

    /**
     * The whole end of a run in a fresh JVM, timed from the start of the call: a peer that answers only after the
     * budget (the default 3 s) ends it within the budget, the JSON mapper's and the HTTP client's class loading
     * included, and the report waits in the outbox. Both paths: an adapter's {@code finish()} and the plugin's
     * delivery call. (Class loading cannot be interrupted: local work longer than the whole budget would still be
     * waited for; the adapters and the plugin load both on a warm-up thread so that it never comes to that.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"run", "deliver"})
    void aColdEndOfRunStaysWithinTheBudgetClassLoadingIncluded(String mode) throws Exception {
        WireMockServer slow = DeliveryTestSupport.wireMock();
        try {
            slow.stubFor(post("/api/v1/reports").willReturn(aResponse().withStatus(202).withFixedDelay(3_000)));
            Run run = run(List.of(java(), "-Duser.home=" + work, "-cp",
                    jar() + File.pathSeparator + System.getProperty("telemetry.it.testClasses"),
                    EndOfRunInAColdJvm.class.getName(), mode, "http://127.0.0.1:" + slow.port(), outbox.toString(),
                    work.toString(), "3s"));

            assertThat(run.exit()).as(run.output()).isZero();
            Matcher took = Pattern.compile("end of run took (\\d+) ms").matcher(run.output());
            assertThat(took.find()).as(run.output()).isTrue();
            assertThat(Long.parseLong(took.group(1))).as(run.output()).isBetween(2_950L, 3_000 + COLD_SLACK_MS);
            assertThat(run.output()).contains("not sent: no answer within the 3 s budget; kept in " + outbox);
            assertThat(queued(outbox)).hasSize(1);
        } finally {
            slow.stop();
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
