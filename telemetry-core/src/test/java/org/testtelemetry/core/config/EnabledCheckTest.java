package org.testtelemetry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.run.TelemetryRun;
import org.testtelemetry.core.testing.RecordingLog;

/**
 * {@link EnabledCheck}: a run is read in full as soon as any source names {@code telemetry.enabled}, whatever its
 * value; only when none does is it off without reading the rest. The sources and places are those
 * {@link ConfigInputs#fromProcess} reads.
 */
class EnabledCheckTest {

    @TempDir
    Path project;

    /** A class loader that sees only the JDK: no {@code telemetry.properties}. */
    private final ClassLoader bare = new URLClassLoader(new URL[0], null);

    @BeforeEach
    void nothingInThisProcessNamesIt() {
        assumeTrue(System.getProperty(EnabledCheck.KEY) == null && System.getenv(EnabledCheck.ENV) == null,
                "telemetry.enabled is set for this test JVM");
    }

    @Test
    void itsNamesAreTheEnabledKeys() {
        assertThat(EnabledCheck.KEY).isEqualTo(ConfigKey.ENABLED.key());
        assertThat(EnabledCheck.ENV).isEqualTo(ConfigKey.ENABLED.envName());
    }

    @Test
    void nothingNamingItMeansOff() {
        assertThat(EnabledCheck.mayBeEnabled(null, project, bare)).isFalse();
        assertThat(EnabledCheck.mayBeEnabled(null, null, null)).isFalse();
    }

    @Test
    void aBuildSettingNamesItWhateverItsValue() {
        assertThat(EnabledCheck.mayBeEnabled("false", project, bare)).isTrue();
        assertThat(EnabledCheck.mayBeEnabled("maybe", project, bare)).isTrue();
    }

    @Test
    void aSystemPropertyNamesIt() {
        System.setProperty(EnabledCheck.KEY, "true");
        try {
            assertThat(EnabledCheck.mayBeEnabled(null, project, bare)).isTrue();
        } finally {
            System.clearProperty(EnabledCheck.KEY);
        }
    }

    @Test
    void aSystemPropertySayingFalseDecidesAloneForItIsReadFirst() {
        for (String no : new String[] {"false", " OFF ", "No", "0"}) {
            System.setProperty(EnabledCheck.KEY, no);
            try {
                assertThat(EnabledCheck.mayBeEnabled("true", project, bare)).as(no).isFalse();
                assertThat(Configuration.load(new ConfigInputs(Map.of(EnabledCheck.KEY, no), Map.of(),
                        Map.of(EnabledCheck.KEY, "true"), null, Map.of(EnabledCheck.KEY, "true"), null)).enabled())
                        .as("the full read agrees for '%s'", no).isFalse();
            } finally {
                System.clearProperty(EnabledCheck.KEY);
            }
        }
        for (String unclear : new String[] {"maybe", "true", " "}) {
            System.setProperty(EnabledCheck.KEY, unclear);
            try {
                assertThat(EnabledCheck.mayBeEnabled("true", project, bare)).as("'%s': read in full", unclear)
                        .isTrue();
            } finally {
                System.clearProperty(EnabledCheck.KEY);
            }
        }
    }

    @Test
    void aPropertiesFileInTheProjectMayNameIt() throws IOException {
        Files.createDirectory(project.resolve(ConfigInputs.PROPERTIES_FILE));
        assertThat(EnabledCheck.mayBeEnabled(null, project, bare)).as("a folder of that name is no file").isFalse();

        Path elsewhere = Files.createDirectory(project.resolve("module"));
        Files.writeString(elsewhere.resolve(ConfigInputs.PROPERTIES_FILE), "telemetry.project=acme/demo\n");
        assertThat(EnabledCheck.mayBeEnabled(null, elsewhere, bare)).isTrue();
    }

    @Test
    void aPropertiesFileOnTheClassPathMayNameIt() throws IOException {
        Files.writeString(project.resolve(ConfigInputs.PROPERTIES_FILE), "telemetry.enabled=true\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {project.toUri().toURL()}, null)) {
            assertThat(EnabledCheck.mayBeEnabled(null, null, loader)).isTrue();
        }
    }

    @Test
    void aRunIsReadInFullWhenAPropertiesFileTurnsItOn() throws IOException {
        Files.writeString(project.resolve(ConfigInputs.PROPERTIES_FILE),
                "telemetry.enabled=true\ntelemetry.runDir=" + project.resolve("run").toString().replace('\\', '/')
                        + "\n");
        TelemetryRun on = TelemetryRun.start("junit5", Map.of(), "JUnit", project, TelemetryLog.stderr(false));
        assertThat(on.active()).isTrue();
        assertThat(on.thin()).isTrue();

        TelemetryRun off = TelemetryRun.start("junit5", Map.of(), "JUnit", project.resolve("nowhere"),
                TelemetryLog.stderr(false));
        assertThat(off.active()).as("nothing names it: off").isFalse();
    }
    @Test
    void aThinRunIsDecidedByTheSystemPropertiesAloneOnlyWhenTheFullReadCouldNotDisagree() {
        Path run = project.resolve("run");
        // what the other sources say cannot change the outcome: system properties are read first
        Map<String, String> hostile = Map.of(EnabledCheck.KEY, "false", EnabledCheck.RUN_DIR, "/elsewhere");
        String[][] cases = {
            {"true", run.toString(), null},
            {" Yes ", " " + run + " ", null},
            {"ON", run.toString(), "0"}, // any DO_NOT_TRACK is left to the full read, even one that allows
            {"1", run.toString(), "1"},
            {"true", null, null},
            {"true", "  ", null},
            {"true", "bad\u0000path", null},
            {"maybe", run.toString(), null},
            {"false", run.toString(), null},
            {null, run.toString(), null},
        };
        for (String[] c : cases) {
            Path thin = EnabledCheck.thinRunDir(c[0], c[1], c[2]);
            Map<String, String> properties = new HashMap<>();
            if (c[0] != null) {
                properties.put(EnabledCheck.KEY, c[0]);
            }
            if (c[1] != null) {
                properties.put(EnabledCheck.RUN_DIR, c[1]);
            }
            Configuration full = Configuration.load(new ConfigInputs(properties,
                    c[2] == null ? Map.of() : Map.of(EnabledCheck.DO_NOT_TRACK, c[2]), hostile, null, hostile, null));
            String label = String.join(" | ", String.valueOf(c[0]), String.valueOf(c[1]), String.valueOf(c[2]));
            if (thin != null) {
                assertThat(full.enabled()).as(label).isTrue();
                assertThat(full.runDir()).as(label).isEqualTo(thin);
                assertThat(full.warnings()).as(label).isEmpty();
            } else {
                assertThat(c[0] == null || c[1] == null || c[1].isBlank() || c[2] != null || !full.enabled()
                        || !full.warnings().isEmpty()).as("%s: read in full, for a reason", label).isTrue();
            }
        }
        assertThat(EnabledCheck.thinRunDir("true", run.toString(), null)).isEqualTo(run);
        assertThat(EnabledCheck.thinRunDir(" Yes ", " " + run + " ", null)).isEqualTo(run);
        assertThat(EnabledCheck.thinRunDir("ON", run.toString(), "0")).isNull();
        assertThat(EnabledCheck.thinRunDir("true", "bad\u0000path", null)).isNull();
        assertThat(EnabledCheck.RUN_DIR).isEqualTo(ConfigKey.RUN_DIR.key());
    }

    @Test
    void aThinRunStartedFromTheSystemPropertiesReadsNothingElse() {
        Path run = project.resolve("run");
        System.setProperty(EnabledCheck.KEY, "true");
        System.setProperty(EnabledCheck.RUN_DIR, run.toString());
        RecordingLog log = new RecordingLog();
        try {
            // a bad value in the build settings: the plugin's JVM checks them, a thin run does not read them
            TelemetryRun thin = TelemetryRun.start("junit5", Map.of("telemetry.timeout", "soon"), "JUnit", project,
                    log);
            assertThat(thin.active()).isTrue();
            assertThat(thin.thin()).isTrue();
            thin.recorder().testStarted();
            thin.finish();
        } finally {
            System.clearProperty(EnabledCheck.KEY);
            System.clearProperty(EnabledCheck.RUN_DIR);
        }
        assertThat(log.warnings()).isEmpty();
        assertThat(run.toFile().list()).as("its partial result").anyMatch(name -> name.startsWith("telemetry-partial"));
    }
}
