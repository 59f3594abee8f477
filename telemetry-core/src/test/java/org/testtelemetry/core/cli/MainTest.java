package org.testtelemetry.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path home;

    private String[] run(String... args) {
        return run(Map.of(), Map.of(), args);
    }

    private String[] run(Map<String, String> settings, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> sys = new java.util.HashMap<>(Map.of("user.home", home.toString(), "user.dir",
                home.resolve("project").toString(), "java.version", "17.0.15", "java.vendor", "Eclipse Adoptium",
                "os.name", "Linux", "os.version", "6.1.0-secretbox02"));
        sys.putAll(settings);
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), sys, env);
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @org.junit.jupiter.api.BeforeEach
    void project() throws java.io.IOException {
        java.nio.file.Files.createDirectories(home.resolve("project"));
        java.nio.file.Files.writeString(home.resolve("project/pom.xml"),
                "<project><groupId>org.acme</groupId><artifactId>shop</artifactId></project>");
    }

    /** Everything under the fake home except the project: what show must not create. */
    private java.util.List<Path> written() throws java.io.IOException {
        try (var files = java.nio.file.Files.walk(home)) {
            return files.filter(p -> !p.startsWith(home.resolve("project")) && !p.equals(home)).toList();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {"false|''", "true|1", "true|yes", "false|on"})
    void showWithTelemetryOffWritesNothingAndSaysItsIdsAreOneTime(String enabled, String doNotTrack) throws Exception {
        String[] r = run(Map.of("telemetry.enabled", enabled), Map.of("DO_NOT_TRACK", doNotTrack), "show");
        assertThat(r[0]).isEqualTo("0");
        assertThat(written()).as("no key file, no folder").isEmpty();
        assertThat(r[2]).contains("hashed with a one-time key").contains("Telemetry is disabled");
    }

    @Test
    void showsSentAsWhatTheJsonCarries() throws Exception {
        String[] r = run(Map.of("telemetry.enabled", "true", "telemetry.anonymize", "project"), Map.of(), "show");
        org.testtelemetry.report.Report shown = org.testtelemetry.report.ReportJson.read(r[1]);
        assertThat(r[2]).contains("Project: org.acme/shop sent as " + shown.project().vendor() + "/"
                + shown.project().name() + " (anonymize=project)").doesNotContain("one-time");
        assertThat(shown.project().name()).startsWith("h1-");
        // the JSON is the guarded one: canonical vendor and OS, the host part of the kernel string gone
        assertThat(shown.environment().java().vendor()).isEqualTo("temurin");
        assertThat(shown.environment().os().version()).isEqualTo("6.1.0");
        assertThat(r[1]).doesNotContain("secretbox");
        assertThat(home.resolve(".test-telemetry/key")).as("an enabled show creates the key a run would").exists();
        String[] off = run(Map.of("telemetry.enabled", "false", "telemetry.anonymize", "project"), Map.of(), "show");
        assertThat(org.testtelemetry.report.ReportJson.read(off[1]).project()).as("telemetry off uses the existing key")
                .isEqualTo(shown.project());
        assertThat(off[2]).doesNotContain("one-time");
    }

    @Test
    void unknownCommandIsExitTwoWithUsage() {
        String[] r = run("frobnicate");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("unknown command 'frobnicate'").contains("Usage");
    }

    @Test
    void helpAndVersion() {
        assertThat(run()[1]).contains("show");
        assertThat(run("version")[1]).startsWith("test-telemetry ");
    }

    @Test
    void unknownShowArgumentIsIgnoredWithAWarning() {
        String[] r = run("show", "--colour");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[2]).contains("ignoring unknown argument '--colour'");
        assertThat(r[1]).contains("\"schemaVersion\" : 1");
    }
}
