package org.testtelemetry.core.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;
import org.testtelemetry.report.Anonymization;

/**
 * The one class that reads configuration. Each key is looked up in precedence order — system property,
 * environment variable, build configuration, {@code telemetry.properties}, default — and parsed once. A bad
 * value never throws: it adds one warning line naming the key, the value and the default used.
 * {@code DO_NOT_TRACK} set to anything but empty, {@code 0} or {@code false} disables telemetry whatever else is
 * set. Nothing here prints a credential: {@link #displayValue} and warnings mask secrets ({@link SecretMask}).
 *
 * <pre>{@code
 * Configuration config = Configuration.load(ConfigInputs.fromProcess(projectDir, Map.of(), null, loader));
 * config.warnings().forEach(w -> log.warn(w.line()));
 * if (config.enabled()) { ... }
 * }</pre>
 */
@API(status = INTERNAL, consumers = "org.testtelemetry.maven")
public final class Configuration {

    private static final String STATE_DIR = ".test-telemetry";

    private final Map<ConfigKey, ConfigSource> sources = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> rawValues = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> sourceLabels = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> written = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
    private final List<ConfigWarning> warnings = new ArrayList<>();

    private final boolean doNotTrack;
    private final boolean enabledSetting;
    private final URI endpoint;
    private final String token;
    private final String project;
    private final Anonymization anonymize;
    private final String salt;
    private final Duration timeout;
    private final Set<WriterKind> writers;
    private final boolean dryRun;
    private final boolean assertions;
    private final Path home;
    private final Path outbox;
    private final List<Path> coverageClasses;
    private final Path runDir;

    private Configuration(ConfigInputs in) {
        doNotTrack = doNotTrack(in.environment().get(EnabledCheck.DO_NOT_TRACK));
        for (ConfigKey key : ConfigKey.values()) {
            read(in, key);
        }
        enabledSetting = (Boolean) value(ConfigKey.ENABLED);
        endpoint = (URI) value(ConfigKey.ENDPOINT);
        token = (String) value(ConfigKey.TOKEN);
        project = (String) value(ConfigKey.PROJECT);
        anonymize = (Anonymization) value(ConfigKey.ANONYMIZE);
        salt = (String) value(ConfigKey.SALT);
        timeout = (Duration) value(ConfigKey.TIMEOUT);
        ValueParser.Writers chosen = (ValueParser.Writers) value(ConfigKey.WRITERS);
        writers = chosen != null ? chosen.chosen() : defaultWriters();
        dryRun = (Boolean) value(ConfigKey.DRY_RUN);
        assertions = (Boolean) value(ConfigKey.ASSERTIONS);
        String userHome = in.systemProperties().get("user.home");
        home = userHome == null || userHome.isBlank() ? null : EnabledCheck.path(userHome);
        Path outboxSetting = (Path) value(ConfigKey.OUTBOX);
        outbox = outboxSetting != null ? outboxSetting
                : home == null ? null : home.resolve(STATE_DIR).resolve("outbox");
        @SuppressWarnings("unchecked")
        List<Path> classes = (List<Path>) value(ConfigKey.COVERAGE_CLASSES);
        coverageClasses = classes == null ? List.of() : classes;
        runDir = (Path) value(ConfigKey.RUN_DIR);
    }

    /** Reads every key from the given sources. Never throws for a bad value. */
    public static Configuration load(ConfigInputs inputs) {
        return new Configuration(inputs == null ? ConfigInputs.empty() : inputs);
    }

    /** Whether a report is produced at all: {@code telemetry.enabled=true} and no {@code DO_NOT_TRACK}. */
    public boolean enabled() {
        return enabledSetting && !doNotTrack;
    }

    /** Why telemetry is off, for the one line a run prints, or null when it is on. */
    public String disabledReason() {
        if (doNotTrack) {
            return "DO_NOT_TRACK is set";
        }
        if (!enabledSetting) {
            return "telemetry.enabled is not true";
        }
        return null;
    }

    public boolean doNotTrack() {
        return doNotTrack;
    }

    /** The consoledonottrack.com convention: any value but empty, {@code 0} or {@code false} opts out. */
    static boolean doNotTrack(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        return !v.isEmpty() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    /** Base URL of the platform, or null when none is configured. */
    public URI endpoint() {
        return endpoint;
    }

    /** The {@code telemetry.endpoint} value as the user wrote it, even when rejected; never print it. */
    String rawEndpoint() {
        return written.get(ConfigKey.ENDPOINT);
    }

    /** Bearer token, or null. Never print it. */
    public String token() {
        return token;
    }

    /** The raw {@code vendor/name} setting, or null; {@code ProjectIdentity} validates it. */
    public String project() {
        return project;
    }

    public Anonymization anonymize() {
        return anonymize;
    }

    /** The hashing key set by the user, or null (a per-user random key is used then). */
    public String salt() {
        return salt;
    }

    /** Time budget of the whole delivery, always positive. */
    public Duration timeout() {
        return timeout;
    }

    /** Writers to use, in order; never empty. */
    public Set<WriterKind> writers() {
        return writers;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Whether the Maven plugin attaches the assertion-counting agent ({@code telemetry.assertions}, default true). */
    public boolean assertions() {
        return assertions;
    }

    /** The user's home ({@code user.home}), or null when the JVM does not know it. */
    public Path home() {
        return home;
    }

    /** This tool's folder in the user's home ({@code ~/.test-telemetry}), or null without a home. */
    public Path stateDir() {
        return home == null ? null : home.resolve(STATE_DIR);
    }

    /** Where undelivered reports wait; null only when there is neither a setting nor a home. */
    public Path outbox() {
        return outbox;
    }

    /** Class folders and jars for coverage; empty means the build's default ({@code target/classes}). */
    public List<Path> coverageClasses() {
        return coverageClasses;
    }

    /** Where a test JVM writes its partial result instead of sending, or null. */
    public Path runDir() {
        return runDir;
    }

    /** Which source gave the value in force for {@code key}. */
    public ConfigSource source(ConfigKey key) {
        return sources.getOrDefault(key, ConfigSource.DEFAULT);
    }

    /** The value in force as text for display: secrets masked, null when unset. */
    public String displayValue(ConfigKey key) {
        String raw = rawValues.get(key);
        if (raw == null) {
            // defaults that depend on other settings are shown as they are in force
            return switch (key) {
                case WRITERS -> ids(writers);
                case OUTBOX -> outbox == null ? null : outbox.toString();
                default -> key.defaultText();
            };
        }
        return key.secret() ? SecretMask.MASK : key == ConfigKey.ENDPOINT ? SecretMask.url(raw) : raw;
    }

    /** One warning per bad value, in key order; empty when every value was good. */
    public List<ConfigWarning> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    // ---- lookup and parsing ----

    private String lookup(ConfigInputs in, ConfigKey key) {
        String value = nonBlank(in.systemProperties().get(key.key()));
        ConfigSource source = ConfigSource.SYSTEM_PROPERTY;
        if (value == null) {
            value = nonBlank(in.environment().get(key.envName()));
            source = ConfigSource.ENVIRONMENT;
        }
        if (value == null) {
            value = nonBlank(in.build().get(key.key()));
            source = ConfigSource.BUILD;
        }
        if (value == null) {
            value = nonBlank(in.propertiesFile().get(key.key()));
            source = ConfigSource.PROPERTIES_FILE;
        }
        if (value == null) {
            return null;
        }
        sources.put(key, source);
        rawValues.put(key, value);
        sourceLabels.put(key, label(in, source));
        return value;
    }

    private void warn(ConfigKey key, String value, String expected, String used) {
        String shown = key.secret() ? SecretMask.MASK : SecretMask.url(value);
        warnings.add(new ConfigWarning(key, "Test telemetry: ignoring " + key.key() + "='" + shown + "' from "
                + sourceLabel(key) + ": " + expected + "; using " + used));
        sources.remove(key);
        rawValues.remove(key);
        sourceLabels.remove(key);
    }

    private static String label(ConfigInputs in, ConfigSource source) {
        return switch (source) {
            case BUILD -> in.buildLabel();
            case PROPERTIES_FILE -> in.propertiesLabel();
            default -> source.label();
        };
    }

    /** A human name for the source of {@code key}, e.g. "environment variable" or "junit-platform.properties". */
    public String sourceLabel(ConfigKey key) {
        return sourceLabels.getOrDefault(key, ConfigSource.DEFAULT.label());
    }

    /** Looks {@code key} up and parses it with its own parser; a rejected text is one warning, the default stays. */
    private void read(ConfigInputs in, ConfigKey key) {
        String text = lookup(in, key);
        if (text == null) {
            return;
        }
        written.put(key, text);
        try {
            Object value = key.parse(text);
            values.put(key, value);
            if (value instanceof ValueParser.Writers w && !w.unknown().isEmpty()) {
                warnings.add(new ConfigWarning(key, "Test telemetry: ignoring unknown writer(s) " + w.unknown()
                        + " in " + key.key() + " from " + sourceLabel(key) + "; using " + ids(w.chosen())));
            }
        } catch (ValueParser.Rejected rejected) {
            warn(key, text, rejected.expected(), usedInstead(key));
        }
    }

    /** The parsed value in force for {@code key}: the user's, else the key's default (null for none). */
    private Object value(ConfigKey key) {
        return values.containsKey(key) ? values.get(key) : key.defaultValue();
    }

    /** What a warning says is used instead of a rejected value. */
    private String usedInstead(ConfigKey key) {
        if (key.defaultText() != null) {
            return "the default " + key.defaultText();
        }
        return switch (key) {
            case ENDPOINT -> "no endpoint";
            case WRITERS -> "the default " + ids(defaultWriters()); // the endpoint is read before the writers
            default -> "the default";
        };
    }

    /** {@code http,stdout} when there is an endpoint, else {@code file,stdout}. */
    private Set<WriterKind> defaultWriters() {
        return values.get(ConfigKey.ENDPOINT) != null ? ordered(WriterKind.HTTP, WriterKind.STDOUT)
                : ordered(WriterKind.FILE, WriterKind.STDOUT);
    }

    /** Writers as users write them, e.g. {@code http,stdout}. */
    public static String ids(Set<WriterKind> writers) {
        return String.join(",", writers.stream().map(WriterKind::id).toList());
    }

    private static Set<WriterKind> ordered(WriterKind... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
