package org.testtelemetry.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * config.warnings().forEach(log::warn);
 * if (config.enabled()) { ... }
 * }</pre>
 */
public final class Configuration {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    private static final String STATE_DIR = ".test-telemetry";

    private final Map<ConfigKey, ConfigSource> sources = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> rawValues = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, String> sourceLabels = new EnumMap<>(ConfigKey.class);
    private final List<String> warnings = new ArrayList<>();

    private final boolean doNotTrack;
    private final boolean enabledSetting;
    private String endpointText;
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
        doNotTrack = doNotTrack(in.environment().get("DO_NOT_TRACK"));

        enabledSetting = bool(in, ConfigKey.ENABLED, false);
        endpoint = endpoint(in);
        token = string(in, ConfigKey.TOKEN);
        project = string(in, ConfigKey.PROJECT);
        anonymize = anonymize(in);
        salt = string(in, ConfigKey.SALT);
        timeout = timeout(in);
        writers = writers(in, endpoint != null);
        dryRun = bool(in, ConfigKey.DRY_RUN, false);
        assertions = bool(in, ConfigKey.ASSERTIONS, true);
        String userHome = in.systemProperties().get("user.home");
        home = userHome == null || userHome.isBlank() ? null : path(userHome);
        Path outboxSetting = pathSetting(in, ConfigKey.OUTBOX);
        outbox = outboxSetting != null ? outboxSetting
                : home == null ? null : home.resolve(STATE_DIR).resolve("outbox");
        coverageClasses = pathList(in, ConfigKey.COVERAGE_CLASSES);
        runDir = pathSetting(in, ConfigKey.RUN_DIR);
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
        return endpointText;
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

    /** One line per bad value, in key order; empty when every value was good. */
    public List<String> warnings() {
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

    private void warn(ConfigInputs in, ConfigKey key, String value, String expected, String used) {
        String shown = key.secret() ? SecretMask.MASK : SecretMask.url(value);
        warnings.add("Test telemetry: ignoring " + key.key() + "='" + shown + "' from " + sourceLabel(key)
                + ": " + expected + "; using " + used);
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

    private String string(ConfigInputs in, ConfigKey key) {
        String value = lookup(in, key);
        return value == null ? null : value.trim();
    }

    private boolean bool(ConfigInputs in, ConfigKey key, boolean fallback) {
        String value = lookup(in, key);
        if (value == null) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("yes") || v.equals("1") || v.equals("on")) {
            return true;
        }
        if (v.equals("false") || v.equals("no") || v.equals("0") || v.equals("off")) {
            return false;
        }
        warn(in, key, value, "expected true or false", "the default " + fallback);
        return fallback;
    }

    private URI endpoint(ConfigInputs in) {
        String value = lookup(in, ConfigKey.ENDPOINT);
        endpointText = value;
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                if (uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return uri;
                }
                // the reports path is appended to the base URL: a query would end up in the middle of it
                warn(in, ConfigKey.ENDPOINT, value, "expected a base URL without ?query or #fragment",
                        "no endpoint");
                return null;
            }
        } catch (URISyntaxException e) {
            // falls through to the warning
        }
        warn(in, ConfigKey.ENDPOINT, value, "expected an http:// or https:// URL", "no endpoint");
        return null;
    }

    private Anonymization anonymize(ConfigInputs in) {
        String value = lookup(in, ConfigKey.ANONYMIZE);
        if (value == null) {
            return Anonymization.ALL;
        }
        Anonymization mode = Anonymization.parse(value);
        if (mode == null) {
            warn(in, ConfigKey.ANONYMIZE, value, "expected all, project or none", "the default all");
            return Anonymization.ALL;
        }
        return mode;
    }

    private Duration timeout(ConfigInputs in) {
        String value = lookup(in, ConfigKey.TIMEOUT);
        if (value == null) {
            return DEFAULT_TIMEOUT;
        }
        Duration parsed = parseDuration(value);
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            warn(in, ConfigKey.TIMEOUT, value, "expected a positive duration such as 3s, 500ms or PT2S",
                    "the default 3s");
            return DEFAULT_TIMEOUT;
        }
        return parsed;
    }

    /** Parses {@code 500ms}, {@code 3s}, {@code 1.5s}, {@code 2m}, ISO-8601 {@code PT3S}, or a bare number of seconds. */
    static Duration parseDuration(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt") || v.startsWith("-pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 2).trim())));
            }
            if (v.endsWith("s")) {
                return millis(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000);
            }
            if (v.endsWith("m")) {
                return millis(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60_000);
            }
            return millis(Double.parseDouble(v) * 1000);
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration millis(double ms) {
        if (Double.isNaN(ms) || Double.isInfinite(ms)) {
            return null;
        }
        return Duration.ofMillis(Math.round(ms));
    }

    private Set<WriterKind> writers(ConfigInputs in, boolean hasEndpoint) {
        Set<WriterKind> fallback = hasEndpoint ? ordered(WriterKind.HTTP, WriterKind.STDOUT)
                : ordered(WriterKind.FILE, WriterKind.STDOUT);
        String value = lookup(in, ConfigKey.WRITERS);
        if (value == null) {
            return fallback;
        }
        Set<WriterKind> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String part : value.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            WriterKind.byId(part).ifPresentOrElse(chosen::add, () -> unknown.add(part.trim()));
        }
        if (chosen.isEmpty()) {
            warn(in, ConfigKey.WRITERS, value, "expected one or more of http, stdout, file",
                    "the default " + ids(fallback));
            return fallback;
        }
        if (!unknown.isEmpty()) {
            warnings.add("Test telemetry: ignoring unknown writer(s) " + unknown + " in " + ConfigKey.WRITERS.key()
                    + " from " + sourceLabel(ConfigKey.WRITERS) + "; using " + ids(chosen));
        }
        return Collections.unmodifiableSet(chosen);
    }

    /** Writers as users write them, e.g. {@code http,stdout}. */
    public static String ids(Set<WriterKind> writers) {
        return String.join(",", writers.stream().map(WriterKind::id).toList());
    }

    private Path pathSetting(ConfigInputs in, ConfigKey key) {
        String value = lookup(in, key);
        if (value == null) {
            return null;
        }
        Path p = path(value.trim());
        if (p == null) {
            warn(in, key, value, "expected a file system path", "the default");
        }
        return p;
    }

    private List<Path> pathList(ConfigInputs in, ConfigKey key) {
        String value = lookup(in, key);
        if (value == null) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String part : value.split("[," + java.io.File.pathSeparator + "]")) {
            if (part.isBlank()) {
                continue;
            }
            Path p = path(part.trim());
            if (p == null) {
                warn(in, key, value, "expected class folders or jars separated by commas", "the default");
                return List.of();
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Set<WriterKind> ordered(WriterKind... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
