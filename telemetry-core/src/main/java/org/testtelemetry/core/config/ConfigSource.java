package org.testtelemetry.core.config;

/** Where a setting came from, highest precedence first. */
public enum ConfigSource {
    SYSTEM_PROPERTY("system property"),
    ENVIRONMENT("environment variable"),
    BUILD("build configuration"),
    PROPERTIES_FILE("telemetry.properties"),
    DEFAULT("default");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
