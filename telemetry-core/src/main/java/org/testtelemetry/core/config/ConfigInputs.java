package org.testtelemetry.core.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apiguardian.api.API;
import org.testtelemetry.core.SystemProperties;

/**
 * The raw sources a {@link Configuration} is read from, in precedence order. Tests build one by hand;
 * adapters use {@link #fromProcess}.
 *
 * @param systemProperties the JVM's system properties
 * @param environment      the process environment
 * @param build            build-file configuration: JUnit Platform configuration parameters or the Maven
 *                         plugin's {@code <configuration>}
 * @param buildLabel       how to name {@code build} in messages, e.g. "junit-platform.properties"
 * @param propertiesFile   the contents of {@code telemetry.properties}, empty when there is none
 * @param propertiesLabel  where that file was found
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public record ConfigInputs(Map<String, String> systemProperties, Map<String, String> environment,
                           Map<String, String> build, String buildLabel,
                           Map<String, String> propertiesFile, String propertiesLabel) {

    /** Name of the optional properties file, looked up in the project directory, then on the classpath. */
    public static final String PROPERTIES_FILE = "telemetry.properties";

    public ConfigInputs {
        systemProperties = copy(systemProperties);
        environment = copy(environment);
        build = copy(build);
        propertiesFile = copy(propertiesFile);
        buildLabel = buildLabel == null ? ConfigSource.BUILD.label() : buildLabel;
        propertiesLabel = propertiesLabel == null ? ConfigSource.PROPERTIES_FILE.label() : propertiesLabel;
    }

    /** Only defaults: every map empty. */
    public static ConfigInputs empty() {
        return new ConfigInputs(Map.of(), Map.of(), Map.of(), null, Map.of(), null);
    }

    /**
     * The running process's sources.
     *
     * @param projectDir  where to look for {@code telemetry.properties} first; may be null
     * @param build       build-file configuration, may be empty
     * @param buildLabel  how to name it in messages
     * @param classLoader where to look for {@code telemetry.properties} second; may be null
     */
    public static ConfigInputs fromProcess(Path projectDir, Map<String, String> build, String buildLabel,
                                           ClassLoader classLoader) {
        Map<String, String> file = Map.of();
        String fileLabel = null;
        Path inProject = EnabledCheck.propertiesFile(projectDir);
        if (inProject != null) {
            file = readFile(inProject);
            fileLabel = PROPERTIES_FILE + " in the project directory";
        } else if (EnabledCheck.propertiesResource(classLoader)) {
            file = readResource(classLoader, PROPERTIES_FILE);
            fileLabel = PROPERTIES_FILE + " on the classpath";
        }
        return new ConfigInputs(SystemProperties.snapshot(), System.getenv(), build, buildLabel, file, fileLabel);
    }

    private static Map<String, String> readFile(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return toMap(in);
        } catch (IOException | RuntimeException e) {
            return Map.of(); // an unreadable file is treated as absent; Configuration says which source won
        }
    }

    private static Map<String, String> readResource(ClassLoader classLoader, String name) {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            if (in == null) {
                return Map.of();
            }
            return toMap(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static Map<String, String> toMap(Reader in) throws IOException {
        Properties props = new Properties();
        props.load(in);
        Map<String, String> out = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            out.put(name, props.getProperty(name));
        }
        return out;
    }

    private static Map<String, String> copy(Map<String, String> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return Map.copyOf(out);
    }
}
