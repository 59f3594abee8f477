package org.testtelemetry.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.run.PartialResults;
import org.testtelemetry.report.Report;

/**
 * What an enabled run loads: a real launcher session (the adapter found by the JUnit Platform's service loader, as
 * in a user's build) in a child JVM with {@code -Xlog:class+load}. A thin fork ({@code telemetry.runDir}) loads no
 * configuration beyond its two system properties, no JSON mapper, no HTTP client, no JaCoCo analysis, no identity, environment or privacy code and no XML parser; a
 * standalone run with the {@code file} writer loads no HTTP client and, without an agent, no JaCoCo.
 */
class ClassLoadingTest {

    /**
     * What a thin fork must never load, shaded ({@code org.testtelemetry.shaded.}) or not. (Kotlin is not listed:
     * JUnit 6 itself probes for it.)
     */
    private static final List<String> NOT_IN_A_THIN_FORK = List.of("jackson.databind.", "okhttp3.", "okio.",
            "jacoco.core.", "org.testtelemetry.core.identity.", "org.testtelemetry.core.env.",
            "org.testtelemetry.core.privacy.", "org.testtelemetry.core.coverage.", "org.testtelemetry.core.delivery.",
            "javax.xml.parsers.", "com.sun.org.apache.xerces.");

    @TempDir
    Path temp;

    @Test
    void aThinForkLoadsOnlyWhatCountingAndItsPartialNeed() throws Exception {
        Path runDir = temp.resolve("run");
        List<String> loaded = runChild("-Dtelemetry.runDir=" + runDir);

        assertThat(loaded).as("the adapter ran").anyMatch(c -> c.startsWith("org.testtelemetry.junit5."));
        assertThat(loaded).filteredOn(c -> NOT_IN_A_THIN_FORK.stream().anyMatch(c::contains)).isEmpty();
        assertThat(loaded).as("the system properties decided: no configuration read (the plugin's JVM reads it)")
                .noneMatch(c -> c.startsWith("org.testtelemetry.core.config.Config")
                        || c.startsWith("org.testtelemetry.core.config.ValueParser"));
        List<Report> partials = PartialResults.readAll(runDir, TelemetryLog.stderr(false));
        assertThat(partials).singleElement().satisfies(report -> {
            assertThat(report.metrics().tests().total()).isEqualTo(3);
            assertThat(report.metrics().tests().passed()).isEqualTo(2);
            assertThat(report.metrics().tests().failed()).isEqualTo(1);
            assertThat(report.environment().frameworks()).extracting(f -> f.name()).contains("junit-jupiter");
            assertThat(report.metrics().memory().peakHeapBytes()).isPositive();
        });
    }

    @Test
    void aStandaloneRunWithTheFileWriterLoadsNoHttpClientAndNoJacoco() throws Exception {
        List<String> loaded = runChild("-Dtelemetry.writers=file", "-Dtelemetry.outbox=" + temp.resolve("outbox"));

        assertThat(loaded).as("the report was built").anyMatch(c -> c.contains("jackson.databind."));
        assertThat(loaded).filteredOn(c -> c.contains("okhttp3.") || c.contains("okio.")
                || c.contains("jacoco.core.")).isEmpty();
        try (Stream<Path> files = Files.list(temp.resolve("target").resolve("telemetry"))) {
            assertThat(files).as("the report file").hasSize(1);
        }
    }

    @Test
    void aJvmWhereNothingNamesTelemetryEnabledLoadsOnlyTheListenersAndTheCheck() throws Exception {
        assertOnlyTheCheckRan(runChildWith(List.of(), "-Dtelemetry.runDir=" + temp.resolve("run")));
    }

    @Test
    void aJvmWhoseSystemPropertySaysFalseLoadsOnlyTheListenersAndTheCheck() throws Exception {
        // as in every fork of "mvn verify -Dtelemetry.enabled=false"; the lower sources would say true
        Files.writeString(temp.resolve("telemetry.properties"), "telemetry.enabled=true\n");
        assertOnlyTheCheckRan(runChildWith(List.of("-Dtelemetry.enabled=false"),
                "-Dtelemetry.runDir=" + temp.resolve("run")));
    }

    @Test
    void doNotTrackStillTurnsOffAForkWhoseSystemPropertiesAskForAThinRun() throws Exception {
        // the plugin's fork properties, but DO_NOT_TRACK in the environment: the full read decides, and it is off
        List<String> loaded = runChildWith(Map.of("DO_NOT_TRACK", "1"), List.of("-Dtelemetry.enabled=true"),
                "-Dtelemetry.runDir=" + temp.resolve("run"));

        assertThat(loaded).as("the configuration was read").contains("org.testtelemetry.core.config.Configuration");
        assertThat(temp.resolve("run")).as("no partial, no started file").doesNotExist();
    }

    private void assertOnlyTheCheckRan(List<String> loaded) {
        assertThat(loaded).filteredOn(c -> c.startsWith("org.testtelemetry."))
                .as("the adapter's listeners and the enabled check, nothing of the configuration or the run")
                .contains("org.testtelemetry.junit5.TelemetrySessionListener",
                        "org.testtelemetry.junit5.TelemetryListener", "org.testtelemetry.core.config.EnabledCheck")
                .noneMatch(c -> c.startsWith("org.testtelemetry.core.config.Config")
                        || c.startsWith("org.testtelemetry.core.config.ValueParser")
                        || c.startsWith("org.testtelemetry.core.run.")
                        || c.startsWith("org.testtelemetry.core.recorder."));
        assertThat(temp.resolve("run")).as("no partial, no started file").doesNotExist();
    }

    /** Runs {@link Fixture} in a child JVM with telemetry enabled; returns the names of the classes it loaded. */
    private List<String> runChild(String... properties) throws IOException, InterruptedException {
        return runChildWith(List.of("-Dtelemetry.enabled=true"), properties);
    }

    private List<String> runChildWith(List<String> enabled, String... properties)
            throws IOException, InterruptedException {
        return runChildWith(Map.of(), enabled, properties);
    }

    private List<String> runChildWith(Map<String, String> environment, List<String> enabled, String... properties)
            throws IOException, InterruptedException {
        Path classLog = temp.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog,
                "-cp", System.getProperty("java.class.path"),
                "-Dtelemetry.salt=class-loading", "-Dtelemetry.project=acme/demo",
                "-Dclass.loading.child=true"));
        command.addAll(enabled);
        command.addAll(List.of(properties));
        command.add(Child.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.out").toFile());
        builder.environment().remove("TELEMETRY_ENABLED"); // only the command line decides
        builder.environment().remove("DO_NOT_TRACK");
        builder.environment().putAll(environment);
        Process child = builder.start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String out = Files.readString(temp.resolve("child.out"), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(out).isZero();
        assertThat(out).contains("tests=3");
        try (Stream<String> lines = Files.lines(classLog, StandardCharsets.UTF_8)) {
            // "[0.123s][info][class,load] java.lang.Object source: shared objects file"
            return lines.map(l -> l.replaceFirst("^(\\[[^]]*])+ ", "")).map(l -> l.split(" ", 2)[0]).toList();
        }
    }

    /** The child JVM: one launcher session over {@link Fixture}, the adapter registered as in a real build. */
    public static final class Child {
        public static void main(String[] args) {
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            try (LauncherSession session = LauncherFactory.openSession()) {
                session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(Fixture.class)).build(), summary);
            }
            System.out.println("tests=" + summary.getSummary().getTestsFoundCount());
        }
    }

    /** Runs only in the child JVM. */
    @EnabledIfSystemProperty(named = "class.loading.child", matches = "true")
    static class Fixture {
        @Test
        void passes() {
        }

        @Test
        void passesToo() {
            assertThat(1).isOne();
        }

        @Test
        void fails() {
            assertThat(1).isZero();
        }
    }
}
