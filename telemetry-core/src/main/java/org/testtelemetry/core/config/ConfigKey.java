package org.testtelemetry.core.config;

import java.util.Locale;

/**
 * Every configuration key, in system-property form. The environment-variable form is derived:
 * {@code telemetry.dryRun} is {@code TELEMETRY_DRY_RUN}, {@code telemetry.coverage.classes} is
 * {@code TELEMETRY_COVERAGE_CLASSES}.
 */
public enum ConfigKey {
    ENABLED("telemetry.enabled", "false", "Send (or write) a report for this run; nothing happens unless true."),
    ENDPOINT("telemetry.endpoint", null, "Base URL of the telemetry platform (http or https)."),
    TOKEN("telemetry.token", null, "Bearer token for the platform; never printed."),
    PROJECT("telemetry.project", null, "vendor/name; default: the Maven groupId/artifactId."),
    ANONYMIZE("telemetry.anonymize", "all", "all (vendor and name hashed) | project (name hashed) | none."),
    SALT("telemetry.salt", null, "Secret key for hashing names; default: a random key kept in ~/.test-telemetry/key."),
    TIMEOUT("telemetry.timeout", "3s", "Time budget of the whole delivery, e.g. 3s, 500ms, PT2S."),
    WRITERS("telemetry.writers", null, "Comma-separated: http, stdout, file; default http,stdout with an endpoint, else file,stdout."),
    DRY_RUN("telemetry.dryRun", "false", "Print the JSON that would be sent and send nothing."),
    OUTBOX("telemetry.outbox", null, "Folder for reports not yet delivered; default ~/.test-telemetry/outbox."),
    COVERAGE_CLASSES("telemetry.coverage.classes", null, "Class folders and jars to measure coverage on; default target/classes."),
    ASSERTIONS("telemetry.assertions", "true", "Count assertions and void tests: the Maven plugin attaches the assertion agent to test JVMs."),
    RUN_DIR("telemetry.runDir", null, "Set by the Maven plugin: test JVMs write partial results there instead of sending.");

    private final String key;
    private final String defaultText;
    private final String description;

    ConfigKey(String key, String defaultText, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.description = description;
    }

    /** System-property form, also used in properties files, JUnit configuration and Maven configuration. */
    public String key() {
        return key;
    }

    /** Environment-variable form. */
    public String envName() {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            if (c == '.') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                out.append('_').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** The default as a user reads it, or null when there is none. */
    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** Whether the value is a secret that is never printed. */
    public boolean secret() {
        return this == TOKEN || this == SALT;
    }
}
