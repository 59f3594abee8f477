package org.testtelemetry.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testtelemetry.core.TelemetryLog;
import org.testtelemetry.core.run.TelemetryRun;

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
}
