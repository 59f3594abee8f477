package org.testtelemetry.core.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of every line this library prints: the token, the salt, and the user-info, query and
 * fragment of {@code telemetry.endpoint}. {@link #scrub} replaces each known secret and any
 * {@code user:password@} or {@code ?query} of a URL in free text (an exception message, a stack trace) with
 * {@value #MASK}.
 *
 * <pre>{@code
 * log.warn(SecretMask.of(config).scrub(line));
 * String shown = SecretMask.url("https://bob:pw@host/base?k=1"); // https://******@host/base?******
 * }</pre>
 */
public final class SecretMask {

    /** What replaces a secret. */
    public static final String MASK = "******";

    /** {@code scheme://user:password@}: the user-info part is group 2. */
    private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/?#\\s@]*@)");
    /** {@code user:password@host} without a scheme, as a mistyped endpoint may hold it. */
    private static final Pattern BARE_USER_INFO = Pattern.compile("(?<![\\w*])[^\\s/'\"@*]*:[^\\s/'\"@]*@");
    /** A URL's query or fragment, up to the next blank. */
    private static final Pattern QUERY = Pattern.compile("(://[^\\s?#]*)[?#][^\\s]*");
    /** Shorter values are not worth masking on their own and would mangle ordinary words. */
    private static final int MIN_SECRET = 4;

    private static final SecretMask NONE = new SecretMask(List.of());

    private final List<String> secrets;

    private SecretMask(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A mask for the secrets of {@code config}; a mask of URL shapes only when config is null. */
    public static SecretMask of(Configuration config) {
        if (config == null) {
            return NONE;
        }
        List<String> secrets = new ArrayList<>();
        add(secrets, config.token());
        add(secrets, config.salt());
        addUrlParts(secrets, config.rawEndpoint());
        secrets.sort(Comparator.comparingInt(String::length).reversed()); // longest first: no half-masked value
        return new SecretMask(List.copyOf(secrets));
    }

    /** {@code line} with every known secret and every URL credential or query masked; null stays null. */
    public String scrub(String line) {
        if (line == null) {
            return null;
        }
        String out = line;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return url(out);
    }

    /** A URL (or text holding URLs) as it may be shown: user-info and query masked, fragment masked. */
    public static String url(String text) {
        if (text == null) {
            return null;
        }
        String out = USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
        out = BARE_USER_INFO.matcher(out).replaceAll(MASK + "@");
        return QUERY.matcher(out).replaceAll("$1?" + MASK);
    }

    private static void addUrlParts(List<String> secrets, String raw) {
        if (raw == null) {
            return;
        }
        int at = raw.lastIndexOf('@');
        if (at > 0) {
            // user-info however mistyped the rest is: what lies between the last '/' and the '@'
            String info = raw.substring(raw.lastIndexOf('/', at) + 1, at);
            add(secrets, info);
            for (String part : info.split(":", 2)) {
                add(secrets, part);
            }
        }
        try {
            URI uri = new URI(raw.trim());
            add(secrets, uri.getRawUserInfo());
            if (uri.getRawUserInfo() != null) {
                for (String part : uri.getRawUserInfo().split(":", 2)) {
                    add(secrets, part);
                }
                add(secrets, uri.getUserInfo());
            }
            add(secrets, uri.getRawQuery());
            add(secrets, uri.getQuery());
            add(secrets, uri.getRawFragment());
        } catch (java.net.URISyntaxException e) {
            // an unparsable value is masked by shape only (url())
        }
    }

    private static void add(List<String> secrets, String value) {
        if (value != null && value.length() >= MIN_SECRET && !secrets.contains(value)) {
            secrets.add(value);
        }
    }
}
