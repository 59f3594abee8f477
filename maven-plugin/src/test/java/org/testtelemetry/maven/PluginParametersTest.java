package org.testtelemetry.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.testtelemetry.core.config.ConfigKey;

/**
 * The plugin's parameters and core's {@link ConfigKey}s are one list: a key added in one place and forgotten in
 * the other fails here. Read from the plugin descriptor Maven itself uses (the {@code @Parameter} annotations
 * are not kept at run time).
 */
class PluginParametersTest {

    /** Every mojo parameter that is a telemetry setting: field name → its {@code ${property}}. */
    private static Map<String, String> descriptorSettings() throws Exception {
        try (InputStream in = PluginParametersTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertThat(in).as("plugin descriptor (written in process-classes)").isNotNull();
            Xpp3Dom plugin = Xpp3DomBuilder.build(in, "UTF-8");
            Map<String, String> settings = new TreeMap<>();
            for (Xpp3Dom mojo : plugin.getChild("mojos").getChildren("mojo")) {
                if (mojo.getChild("goal").getValue().equals("help")) {
                    continue;
                }
                for (Xpp3Dom parameter : mojo.getChild("configuration").getChildren()) {
                    String value = parameter.getValue();
                    if (value != null && value.startsWith("${telemetry.")
                            && !value.equals("${" + PluginSettings.SKIP_PROPERTY + "}")) {
                        settings.put(parameter.getName(), value.substring(2, value.length() - 1));
                    }
                }
            }
            return settings;
        }
    }

    private static Map<String, String> userKeys() {
        return Arrays.stream(ConfigKey.values()).filter(ConfigKey::userSetting)
                .collect(Collectors.toMap(ConfigKey::key, ConfigKey::description, (a, b) -> a, TreeMap::new));
    }

    @Test
    void everyUserSettingIsAParameterAndEveryParameterASetting() throws Exception {
        Map<String, String> parameters = descriptorSettings();

        assertThat(Set.copyOf(parameters.values())).as("plugin parameters' properties")
                .containsExactlyInAnyOrderElementsOf(userKeys().keySet());
    }

    @Test
    void everyParameterMapsToItsOwnKey() throws Exception {
        descriptorSettings().forEach((name, property) ->
                assertThat(PluginSettings.PARAMETERS.get(name)).as(name).isNotNull()
                        .extracting(ConfigKey::key).isEqualTo(property));
        assertThat(PluginSettings.PARAMETERS).hasSameSizeAs(descriptorSettings());
    }

    @Test
    void everyParameterReachesCore() throws Exception {
        ReportMojo mojo = new ReportMojo(null);
        Map<String, String> expected = new LinkedHashMap<>();
        for (String name : descriptorSettings().keySet()) {
            Field field = AbstractTelemetryMojo.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(mojo, "value-of-" + name);
            expected.put(PluginSettings.PARAMETERS.get(name).key(), "value-of-" + name);
        }

        assertThat(mojo.buildConfig()).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
