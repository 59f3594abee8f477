package org.testtelemetry.core.config;

import static org.apiguardian.api.API.Status.MAINTAINED;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * Every configuration key — the one list of settings: each with its parser, its default and a one-line
 * description; {@link Configuration} reads them all the same way. In system-property form; the
 * environment-variable form is derived:
 * {@code telemetry.dryRun} is {@code TELEMETRY_DRY_RUN}, {@code telemetry.coverage.classes} is
 * {@code TELEMETRY_COVERAGE_CLASSES}.
 */
@API(status = MAINTAINED)
public enum ConfigKey {
    ENABLED(EnabledCheck.KEY, ValueParser.BOOLEAN, "false", "Send (or write) a report for this run; nothing happens unless true."),
    ENDPOINT("telemetry.endpoint", ValueParser.BASE_URL, null, "Base URL of the telemetry platform (http or https)."),
    TOKEN("telemetry.token", ValueParser.TEXT, null, "Bearer token for the platform; never printed."),
    PROJECT("telemetry.project", ValueParser.TEXT, null, "vendor/name; default: the Maven groupId/artifactId."),
    ANONYMIZE("telemetry.anonymize", ValueParser.ANONYMIZATION, "all", "all (vendor and name hashed) | project (name hashed) | none."),
    SALT("telemetry.salt", ValueParser.TEXT, null, "Secret key for hashing names; default: a random key kept in ~/.test-telemetry/key."),
    TIMEOUT("telemetry.timeout", ValueParser.POSITIVE_DURATION, "3s", "Time budget of the whole delivery, e.g. 3s, 500ms, PT2S."),
    WRITERS("telemetry.writers", ValueParser.WRITERS, null, "Comma-separated: http, stdout, file; default http,stdout with an endpoint, else file,stdout."),
    DRY_RUN("telemetry.dryRun", ValueParser.BOOLEAN, "false", "Print the JSON that would be sent and send nothing."),
    OUTBOX("telemetry.outbox", ValueParser.PATH, null, "Folder for reports not yet delivered; default ~/.test-telemetry/outbox."),
    COVERAGE_CLASSES("telemetry.coverage.classes", ValueParser.PATHS, null, "Class folders and jars to measure coverage on; default target/classes."),
    ASSERTIONS("telemetry.assertions", ValueParser.BOOLEAN, "true", "Count assertions and void tests: the Maven plugin attaches the assertion agent to test JVMs."),
    RUN_DIR(EnabledCheck.RUN_DIR, ValueParser.PATH, null, "Set by the Maven plugin: test JVMs write partial results there instead of sending.");

    private final String key;
    private final ValueParser parser;
    private final String defaultText;
    private final Object defaultValue;
    private final String description;

    ConfigKey(String key, ValueParser parser, String defaultText, String description) {
        this.key = key;
        this.parser = parser;
        this.defaultText = defaultText;
        this.description = description;
        try {
            // the default is parsed like any user value, so text and value cannot disagree
            this.defaultValue = defaultText == null ? null : parser.parse(defaultText);
        } catch (ValueParser.Rejected e) {
            throw new ExceptionInInitializerError(key + ": default " + defaultText + " " + e.expected());
        }
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

    /** The value of a text that is not blank; {@link ValueParser.Rejected} says what was expected instead. */
    Object parse(String text) throws ValueParser.Rejected {
        return parser.parse(text);
    }

    /** The default's value, or null when there is none or it depends on other settings (writers, outbox). */
    Object defaultValue() {
        return defaultValue;
    }

    /** Whether users set this key; false for {@code telemetry.runDir}, which the Maven plugin sets for its forks. */
    public boolean userSetting() {
        return this != RUN_DIR;
    }

    /** Whether the value is a secret that is never printed. */
    public boolean secret() {
        return this == TOKEN || this == SALT;
    }
}
