package org.testtelemetry.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.report.Report;
import org.testtelemetry.report.ReportJson;
import org.testtelemetry.report.ReportSchema;

/** Runs the packaged, shaded jar exactly as the README tells users to: {@code java -jar ... show}. */
class ShowCommandIT {

    @TempDir
    Path home;

    record Run(int exit, String out, String err) { }

    private Run run(Map<String, String> env, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("telemetry.it.jar"));
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DO_NOT_TRACK");
        pb.environment().keySet().removeIf(k -> k.startsWith("TELEMETRY_"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path repoRoot() {
        return Path.of(System.getProperty("telemetry.it.repoRoot")).toAbsolutePath().normalize();
    }

    @Test
    void showsThisRepositorysProjectHashedByDefault() throws Exception {
        Run run = run(Map.of(), "show", "--project-dir", repoRoot().toString());
        assertThat(run.exit()).isZero();
        assertThat(ReportSchema.errors(run.out())).isEmpty();
        Report report = ReportJson.read(run.out());
        assertThat(report.project().anonymized().id()).isEqualTo("all");
        assertThat(report.project().vendor()).matches("h1-[0-9a-f]{32}");
        assertThat(run.out()).doesNotContain("testtelemetry").doesNotContain(home.toString());
        assertThat(report.environment().telemetry().adapter()).isEqualTo("cli");
        assertThat(report.metrics().tests().total()).isZero();
        assertThat(run.err()).contains("Project: org.testtelemetry/test-telemetry-parent sent as "
                        + report.project().vendor() + "/" + report.project().name())
                .contains("hashed with a one-time key")
                .contains("telemetry.enabled").contains("Telemetry is disabled: telemetry.enabled is not true");
        // telemetry is off: show wrote nothing, not even the hashing key
        assertThat(home.resolve(".test-telemetry")).doesNotExist();
        // enabled, the key is created once in the (fake) home, so a second show has the same ids
        Report enabled = ReportJson.read(run(Map.of("TELEMETRY_ENABLED", "true"), "show", "--project-dir",
                repoRoot().toString()).out());
        assertThat(home.resolve(".test-telemetry/key")).exists();
        assertThat(ReportJson.read(run(Map.of(), "show", "--project-dir", repoRoot().toString()).out()).project())
                .isEqualTo(enabled.project());
    }

    @Test
    void aDirectoryWithoutAPomHasAnUnknownProject() throws Exception {
        Path empty = Files.createDirectories(home.resolve("empty"));
        Run run = run(Map.of("TELEMETRY_ENABLED", "true"), "show", "--project-dir", empty.toString());
        assertThat(run.exit()).isZero();
        Report report = ReportJson.read(run.out());
        assertThat(report.project().vendor()).isNull();
        assertThat(report.project().name()).isNull();
        assertThat(run.err()).contains("Project: unknown (no telemetry.project setting and no readable pom.xml in")
                .contains("telemetry.enabled").contains("true").contains("environment variable")
                .contains("Telemetry is enabled");
    }

    @Test
    void doNotTrackSaysWhyItIsDisabled() throws Exception {
        Run run = run(Map.of("DO_NOT_TRACK", "1", "TELEMETRY_ENABLED", "true"), "show", "--project-dir", repoRoot().toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("Telemetry is disabled: DO_NOT_TRACK is set");
        assertThat(ReportSchema.errors(run.out())).isEmpty();
    }

    @Test
    void badConfigurationIsOneWarningPerValueAndExitZero() throws Exception {
        Run run = run(Map.of("TELEMETRY_ANONYMIZE", "sometimes", "TELEMETRY_TIMEOUT", "-1", "TELEMETRY_TOKEN", "tok-123456"),
                "show", "--project-dir", repoRoot().toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("ignoring telemetry.anonymize='sometimes' from environment variable")
                .contains("ignoring telemetry.timeout='-1'")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("tok-123456");
        assertThat(ReportJson.read(run.out()).project().anonymized().id()).isEqualTo("all");
    }

    @Test
    void theJarCarriesItsDependenciesRelocated() throws Exception {
        try (var zip = new java.util.zip.ZipFile(new File(System.getProperty("telemetry.it.jar")))) {
            List<String> names = zip.stream().filter(e -> !e.isDirectory()).map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).anyMatch(n -> n.startsWith("org/testtelemetry/shaded/jackson/"));
            assertThat(names).noneMatch(n -> n.startsWith("tools/jackson/") || n.startsWith("com/fasterxml/"));
            assertThat(names).allMatch(n -> n.startsWith("org/testtelemetry/") || n.startsWith("META-INF/"),
                    "every class lives under org/testtelemetry");
        }
    }
}
