package org.testtelemetry.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkSettingsTest {

    @TempDir
    Path dir;

    @Test
    void runDirJoinsTheUsersSystemPropertyVariables() {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom variables = new Xpp3Dom("systemPropertyVariables");
        Xpp3Dom own = new Xpp3Dom("db.url");
        own.setValue("jdbc:h2:mem:");
        variables.addChild(own);
        configuration.addChild(variables);

        Xpp3Dom result = TelemetryExtension.withForkProperties(configuration, dir, true);

        Xpp3Dom vars = result.getChild("systemPropertyVariables");
        assertThat(vars.getChild("db.url").getValue()).isEqualTo("jdbc:h2:mem:");
        assertThat(vars.getChild("telemetry.runDir").getValue()).isEqualTo(dir.toString());
        assertThat(vars.getChild("telemetry.enabled").getValue()).isEqualTo("true");
        // applying it twice (plugin and execution configuration may share nodes) changes nothing
        assertThat(TelemetryExtension.withForkProperties(result, dir, true).getChild("systemPropertyVariables")
                .getChildren()).hasSize(3);
    }

    @Test
    void aGoalWithoutConfigurationGetsOne() {
        Xpp3Dom result = TelemetryExtension.withForkProperties(null, dir, true);

        assertThat(result.getChild("systemPropertyVariables").getChild("telemetry.runDir").getValue())
                .isEqualTo(dir.toString());
    }

    @Test
    void enabledFromTheCommandLineIsLeftToSurefireSoItPrintsNoOverrideWarning() {
        Xpp3Dom result = TelemetryExtension.withForkProperties(null, dir, false);

        Xpp3Dom vars = result.getChild("systemPropertyVariables");
        assertThat(vars.getChild("telemetry.runDir").getValue()).isEqualTo(dir.toString());
        assertThat(vars.getChild("telemetry.enabled")).isNull();
    }

    @Test
    void pluginParametersMapToCoreKeys() {
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        for (String[] p : new String[][] {{"enabled", "true"}, {"writers", "file"}, {"dryRun", "true"},
                {"endpoint", "${telemetry.endpoint}"}, {"unrelated", "x"}}) {
            Xpp3Dom child = new Xpp3Dom(p[0]);
            child.setValue(p[1]);
            configuration.addChild(child);
        }

        assertThat(PluginSettings.buildConfig(configuration)).isEqualTo(Map.of("telemetry.enabled", "true",
                "telemetry.writers", "file", "telemetry.dryRun", "true"));
        assertThat(PluginSettings.PARAMETERS).hasSize(12);
    }

    @Test
    void aDeadForkIsToldFromFailingTests() {
        assertThat(ForkCrashes.isForkCrash(new RuntimeException("wrapped", new IllegalStateException(
                "The forked VM terminated without properly saying goodbye. VM crash or System.exit called?"))))
                .isTrue();
        assertThat(ForkCrashes.isForkCrash(new RuntimeException("There was a timeout in the fork"))).isTrue();
        assertThat(ForkCrashes.isForkCrash(new RuntimeException("There are test failures."))).isFalse();
    }

    @Test
    void unfinishedClassesAreThoseWithoutAReport() throws IOException {
        Path classes = dir.resolve("test-classes");
        for (String name : new String[] {"it/ATest.class", "it/BTest.class", "it/ExitTest.class",
                "it/ExitTest$Inner.class", "it/Helper.class"}) {
            Files.createDirectories(classes.resolve(name).getParent());
            Files.createFile(classes.resolve(name));
        }
        Path reports = Files.createDirectories(dir.resolve("surefire-reports"));
        Files.createFile(reports.resolve("TEST-it.ATest.xml"));
        Files.createFile(reports.resolve("TEST-it.BTest.xml"));

        assertThat(ForkCrashes.estimate(classes, Set.of(reports))).isEqualTo(new ForkCrashes.Found(1, 1));
        assertThat(ForkCrashes.estimate(dir.resolve("missing"), Set.of(reports)))
                .as("a fork did die: at least one test never finished").isEqualTo(new ForkCrashes.Found(1, 1));
    }
}
