package org.testtelemetry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.testing.SurefireXml;
import org.testtelemetry.report.Metrics;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.server.fixtures.JupiterOutcomesFixture;

/**
 * The Maven plugin's side of the contract: a real Maven build (this build's Maven) of the sample project in
 * {@code src/it/maven-plugin-contract} — the JUnit adapter in its Surefire fork, the plugin as a build extension —
 * with {@code -Dtelemetry.endpoint} pointing to a real server (SQLite) this test started. The server stores exactly
 * the one report the plugin wrote next to it, and its counts are Surefire's XML's and the fixture's.
 *
 * <p>The plugin and the adapter come from {@code target/local-repo} (installed there by the invoker, never into
 * {@code ~/.m2}); everything else from this build's local repository as a read-only tail, offline: no network.
 */
class MavenPluginContractIT {

    private static final long BUILD_TIMEOUT_SECONDS = 300;

    @TempDir
    Path temp;

    @Test
    void thePluginsReportOfARealMavenBuildIsStoredOnceWithSurefiresCounts() throws Exception {
        Runtime.Version maven = Runtime.Version.parse(property("telemetry.it.mavenVersion"));
        // the read-only tail (maven.repo.local.tail) came with Maven 3.9; ./mvnw is 3.9, .ci/run uses it
        assumeTrue(maven.feature() > 3 || maven.interim() >= 9, "needs Maven 3.9 or later, this is " + maven);
        Path project = copySample(temp.resolve("project"));
        try (Api api = Api.start("sqlite", temp.resolve("server"))) {
            String log = build(project, "http://127.0.0.1:" + api.server.port());

            List<String> lines = log.lines().filter(l -> l.matches("\\[INFO\\] Test telemetry: \\d+ tests? \\(.*")).toList();
            assertThat(lines).as("the plugin's one line:\n%s", log).hasSize(1);
            assertThat(lines.get(0)).contains("sent to http://127.0.0.1:" + api.server.port());

            Report written = ReportJson.read(Files.readString(onlyReportFile(project.resolve("target/telemetry"))));
            assertThat(written.environment().telemetry().adapter()).isEqualTo("maven-plugin");
            Metrics.Tests t = written.metrics().tests();
            assertThat(lines.get(0)).as("the line names the counts of the file").contains(t.total() + " tests ("
                    + t.passed() + " passed, " + t.failed() + " failed, " + t.errored() + " errored, " + t.skipped()
                    + " skipped, " + t.aborted() + " aborted)");

            // Surefire's own view: aborted tests are written as skipped ones
            SurefireXml xml = SurefireXml.read(project.resolve("target/surefire-reports"));
            assertThat(xml.tests()).as("Surefire's tests").isEqualTo(t.total()).isEqualTo(JupiterOutcomesFixture.TOTAL);
            assertThat(xml.failures()).as("Surefire's failures").isEqualTo(t.failed()).isEqualTo(JupiterOutcomesFixture.FAILED);
            assertThat(xml.errors()).as("Surefire's errors").isEqualTo(t.errored()).isEqualTo(JupiterOutcomesFixture.ERRORED);
            assertThat(xml.skipped()).as("Surefire's skipped = skipped + aborted").isEqualTo(t.skipped() + t.aborted())
                    .isEqualTo(JupiterOutcomesFixture.SKIPPED + JupiterOutcomesFixture.ABORTED);
            assertThat(t.aborted()).as("told from skipped by the adapter in the fork").isEqualTo(JupiterOutcomesFixture.ABORTED);
            assertThat(t.passed()).isEqualTo(JupiterOutcomesFixture.PASSED);

            AdapterContractIT.assertStoredOnce(api, written, "maven-plugin-contract");
        }
    }

    /** The sample project, copied so that its build writes nothing into the sources. */
    private static Path copySample(Path to) throws IOException {
        Path from = Path.of(property("telemetry.it.sample"));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    /** Runs {@code mvn verify} on the project; its output, after asserting the build succeeded. */
    private String build(Path project, String endpoint) throws Exception {
        Path mvn = Path.of(property("telemetry.it.mavenHome"), "bin", "mvn");
        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-ntp", "--offline",
                "-Dmaven.repo.local=" + property("telemetry.it.localRepo"),
                "-Dmaven.repo.local.tail=" + property("telemetry.it.mainRepo"),
                "-Dit.fixtures.dir=" + property("telemetry.it.fixtures"),
                "-Dit.telemetry.version=" + property("telemetry.it.version"),
                "-Dit.junit.version=" + property("telemetry.it.junit"),
                "-Dit.resources-plugin.version=" + property("telemetry.it.resourcesPlugin"),
                "-Dit.compiler-plugin.version=" + property("telemetry.it.compilerPlugin"),
                "-Dit.surefire.version=" + property("telemetry.it.surefirePlugin"),
                "-Dit.jar-plugin.version=" + property("telemetry.it.jarPlugin"),
                "-Dtelemetry.endpoint=" + endpoint,
                // a fixed key: nothing created in the home directory
                "-Dtelemetry.salt=a-test-salt",
                "verify"));
        Path logFile = temp.resolve("build.log");
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        try {
            if (!maven.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("the sample build did not finish in " + BUILD_TIMEOUT_SECONDS + " s:\n" + tail(logFile));
            }
        } finally {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly();
        }
        assertThat(maven.exitValue()).as("the sample build's exit code:\n%s", tail(logFile)).isZero();
        return Files.readString(logFile);
    }

    private static String tail(Path logFile) throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    private static Path onlyReportFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> reports = files.filter(p -> p.getFileName().toString().matches("report-.*\\.json")).toList();
            assertThat(reports).as("report files the plugin wrote").hasSize(1);
            return reports.get(0);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this test through Failsafe (telemetry-server/pom.xml)");
        }
        return value;
    }
}
