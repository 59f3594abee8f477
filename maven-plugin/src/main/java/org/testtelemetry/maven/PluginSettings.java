package org.testtelemetry.maven;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.testtelemetry.core.SystemProperties;
import org.testtelemetry.core.config.ConfigInputs;
import org.testtelemetry.core.config.ConfigKey;

/**
 * The plugin's side of configuration: which {@code <configuration>} parameter is which core key, and the
 * {@link ConfigInputs} of a module. Core's {@code Configuration} does the reading and the precedence (system
 * property, then environment, then this plugin's configuration, then {@code telemetry.properties}).
 */
final class PluginSettings {

    static final String GROUP_ID = "org.testtelemetry";
    static final String ARTIFACT_ID = "telemetry-maven-plugin";
    /** How the plugin's configuration is named in warnings and in {@code telemetry:show}. */
    static final String LABEL = "telemetry-maven-plugin configuration";
    /** {@code -Dtelemetry.skip=true} or {@code <skip>true</skip>}: the plugin does nothing at all. */
    static final String SKIP_PROPERTY = "telemetry.skip";

    /** Parameter name in {@code <configuration>} → core key. */
    static final Map<String, ConfigKey> PARAMETERS;

    static {
        Map<String, ConfigKey> map = new LinkedHashMap<>();
        map.put("enabled", ConfigKey.ENABLED);
        map.put("endpoint", ConfigKey.ENDPOINT);
        map.put("token", ConfigKey.TOKEN);
        map.put("project", ConfigKey.PROJECT);
        map.put("anonymize", ConfigKey.ANONYMIZE);
        map.put("salt", ConfigKey.SALT);
        map.put("timeout", ConfigKey.TIMEOUT);
        map.put("writers", ConfigKey.WRITERS);
        map.put("dryRun", ConfigKey.DRY_RUN);
        map.put("outbox", ConfigKey.OUTBOX);
        map.put("coverageClasses", ConfigKey.COVERAGE_CLASSES);
        map.put("assertions", ConfigKey.ASSERTIONS);
        PARAMETERS = Map.copyOf(map);
    }

    private PluginSettings() {
    }

    /** The build-config map from parameter values (null values are unset). */
    static Map<String, String> buildConfig(Map<String, String> parameterValues) {
        Map<String, String> out = new HashMap<>();
        parameterValues.forEach((name, value) -> {
            ConfigKey key = PARAMETERS.get(name);
            if (key != null && value != null && !value.isBlank()) {
                out.put(key.key(), value.trim());
            }
        });
        return out;
    }

    /** The build-config map from the plugin's {@code <configuration>} in a project's model (extension mode). */
    static Map<String, String> buildConfig(Object configurationDom) {
        Map<String, String> values = new HashMap<>();
        if (configurationDom instanceof Xpp3Dom dom) {
            for (String name : PARAMETERS.keySet()) {
                Xpp3Dom child = dom.getChild(name);
                if (child != null && child.getValue() != null && !child.getValue().contains("${")) {
                    values.put(name, child.getValue());
                }
            }
        }
        return buildConfig(values);
    }

    /** Whether {@code <skip>} in the model or {@code -Dtelemetry.skip} says to do nothing. */
    static boolean skipped(MavenSession session, Object configurationDom) {
        String value = processProperties(session).get(SKIP_PROPERTY);
        if (value == null && configurationDom instanceof Xpp3Dom dom && dom.getChild("skip") != null) {
            value = dom.getChild("skip").getValue();
        }
        return "true".equalsIgnoreCase(value == null ? null : value.trim());
    }

    /** The plugin as declared in a project's build, or null. */
    static Plugin declaredIn(MavenProject project) {
        for (Plugin plugin : project.getBuildPlugins()) {
            if (GROUP_ID.equals(plugin.getGroupId()) && ARTIFACT_ID.equals(plugin.getArtifactId())) {
                return plugin;
            }
        }
        return null;
    }

    /** A module's configuration sources: Maven's system and user properties, the environment, the plugin's
     * configuration, and {@code telemetry.properties} in the module's folder. */
    static ConfigInputs inputs(MavenSession session, Path basedir, Map<String, String> buildConfig) {
        ConfigInputs files = ConfigInputs.fromProcess(basedir, Map.of(), null, null);
        return new ConfigInputs(processProperties(session), System.getenv(), buildConfig, LABEL,
                files.propertiesFile(), files.propertiesLabel());
    }

    /** System properties with {@code -D} user properties on top (Maven keeps them apart). */
    static Map<String, String> processProperties(MavenSession session) {
        Map<String, String> out = new HashMap<>(SystemProperties.snapshot());
        if (session != null) {
            copy(session.getSystemProperties(), out);
            copy(session.getUserProperties(), out);
        }
        return out;
    }

    private static void copy(Properties from, Map<String, String> to) {
        if (from != null) {
            for (String name : from.stringPropertyNames()) {
                to.put(name, from.getProperty(name));
            }
        }
    }
}
