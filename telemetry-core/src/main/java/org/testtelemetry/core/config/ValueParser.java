package org.testtelemetry.core.config;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.testtelemetry.report.Anonymization;

/**
 * How one {@link ConfigKey}'s text becomes its value. Each key names its parser; {@link Configuration} runs them
 * all the same way, and a rejected text becomes one warning with the parser's {@link Rejected#expected()} words.
 * An enum with one switch rather than a lambda per parser: every test JVM with telemetry on reads its configuration
 * once, cold, and each lambda is a class spun at run time (issue 15).
 */
enum ValueParser {
    /** Free text, trimmed. */
    TEXT,
    BOOLEAN,
    /** An http(s) base URL; the reports path is appended to it, so a query or fragment would end up inside. */
    BASE_URL,
    ANONYMIZATION,
    POSITIVE_DURATION,
    /** Known writer names in the user's order; unknown names are kept aside for one warning. */
    WRITERS,
    PATH,
    PATHS;

    /** @return the value (never null) for {@code text}, which is not blank */
    Object parse(String text) throws Rejected {
        switch (this) {
            case TEXT:
                return text.trim();
            case BOOLEAN:
                return bool(text);
            case BASE_URL:
                return baseUrl(text);
            case ANONYMIZATION:
                Anonymization mode = Anonymization.parse(text);
                if (mode == null) {
                    throw new Rejected("expected all, project or none");
                }
                return mode;
            case POSITIVE_DURATION:
                Duration parsed = duration(text);
                if (parsed == null || parsed.isNegative() || parsed.isZero()) {
                    throw new Rejected("expected a positive duration such as 3s, 500ms or PT2S");
                }
                return parsed;
            case WRITERS:
                return writers(text);
            case PATH:
                Path p = EnabledCheck.path(text.trim());
                if (p == null) {
                    throw new Rejected("expected a file system path");
                }
                return p;
            case PATHS:
                return paths(text);
            default:
                throw new IllegalStateException(name());
        }
    }

    private static Boolean bool(String text) throws Rejected {
        if (EnabledCheck.isTrue(text)) {
            return true;
        }
        if (EnabledCheck.isFalse(text)) {
            return false;
        }
        throw new Rejected("expected true or false");
    }

    private static URI baseUrl(String text) throws Rejected {
        try {
            URI uri = new URI(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                if (uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return uri;
                }
                throw new Rejected("expected a base URL without ?query or #fragment");
            }
        } catch (URISyntaxException e) {
            // falls through to the general rejection
        }
        throw new Rejected("expected an http:// or https:// URL");
    }

    private static Writers writers(String text) throws Rejected {
        Set<WriterKind> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (!part.isBlank()) {
                Optional<WriterKind> kind = WriterKind.byId(part);
                if (kind.isPresent()) {
                    chosen.add(kind.get());
                } else {
                    unknown.add(part.trim());
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new Rejected("expected one or more of http, stdout, file");
        }
        return new Writers(Collections.unmodifiableSet(chosen), List.copyOf(unknown));
    }

    private static List<Path> paths(String text) throws Rejected {
        List<Path> out = new ArrayList<>();
        for (String part : text.split("[," + File.pathSeparator + "]")) {
            if (part.isBlank()) {
                continue;
            }
            Path p = EnabledCheck.path(part.trim());
            if (p == null) {
                throw new Rejected("expected class folders or jars separated by commas");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    /** The writers a {@code telemetry.writers} text names, and the names it had that are no writer. */
    record Writers(Set<WriterKind> chosen, List<String> unknown) {
    }

    /** A text that is not a value of its key, with what was expected instead. */
    static final class Rejected extends Exception {

        private final String expected;

        Rejected(String expected) {
            super(expected, null, false, false); // a value, not a failure: no stack trace
            this.expected = expected;
        }

        String expected() {
            return expected;
        }
    }

    /** Parses {@code 500ms}, {@code 3s}, {@code 1.5s}, {@code 2m}, ISO-8601 {@code PT3S}, or a bare number of seconds. */
    static Duration duration(String text) {
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
}
