package org.testtelemetry.core.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The standard proxy settings, as the HTTP writer honors them. System properties win
 * ({@code https.proxyHost}/{@code https.proxyPort} for https, {@code http.proxyHost}/{@code http.proxyPort} for
 * http, {@code http.nonProxyHosts} with Java's default {@code localhost|127.*|[::1]}); without them the
 * environment's {@code HTTPS_PROXY}/{@code HTTP_PROXY} (or lower case) with {@code NO_PROXY} entries such as
 * {@code .example.com}, {@code example.com}, {@code 10.0.0.1} or {@code *}. Credentials in a proxy URL
 * ({@code http://user:pass@proxy:3128}) answer a proxy's 407.
 */
final class ProxySettings extends ProxySelector {

    private static final String JAVA_NON_PROXY_DEFAULT = "localhost|127.*|[::1]|0.0.0.0|[::0]";

    private final Route https;
    private final Route http;

    private ProxySettings(Route https, Route http) {
        this.https = https;
        this.http = http;
    }

    /** Reads the settings; a malformed value means no proxy for that scheme. */
    static ProxySettings from(Map<String, String> sysProps, Map<String, String> env) {
        return new ProxySettings(route("https", 443, sysProps, env), route("http", 80, sysProps, env));
    }

    private static Route route(String scheme, int defaultPort, Map<String, String> sysProps,
                               Map<String, String> env) {
        String host = blankToNull(sysProps.get(scheme + ".proxyHost"));
        if (host != null) {
            int port = port(sysProps.get(scheme + ".proxyPort"), defaultPort);
            String nonProxy = blankToNull(sysProps.get("http.nonProxyHosts"));
            return new Route(InetSocketAddress.createUnresolved(host, port), javaNonProxy(nonProxy == null
                    ? JAVA_NON_PROXY_DEFAULT : nonProxy), null, null);
        }
        String url = blankToNull(envValue(env, scheme + "_proxy"));
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url.contains("://") ? url : "http://" + url);
            if (uri.getHost() == null) {
                return null;
            }
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            }
            return new Route(InetSocketAddress.createUnresolved(uri.getHost(), port),
                    noProxy(envValue(env, "no_proxy")), user, password);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public List<Proxy> select(URI uri) {
        Route route = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (route == null || route.bypass().test(host, uri.getPort())) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(new Proxy(Proxy.Type.HTTP, route.address()));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to remember: one run, one budget
    }

    /** Credentials for the proxy at {@code address}, or null. */
    String[] credentials(SocketAddress address) {
        for (Route route : new Route[] {https, http}) {
            if (route != null && route.user() != null && route.address().equals(address)) {
                return new String[] {route.user(), route.password()};
            }
        }
        return null;
    }

    /** Whether any proxy is configured. */
    boolean any() {
        return https != null || http != null;
    }

    private static String envValue(Map<String, String> env, String lowerName) {
        String lower = blankToNull(env.get(lowerName));
        return lower != null ? lower : env.get(lowerName.toUpperCase(Locale.ROOT));
    }

    private static Bypass javaNonProxy(String patterns) {
        List<Pattern> list = new ArrayList<>();
        for (String p : patterns.split("\\|")) {
            String t = p.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                list.add(Pattern.compile(Pattern.quote(t).replace("*", "\\E.*\\Q")));
            }
        }
        return (host, port) -> list.stream().anyMatch(p -> p.matcher(host).matches()
                || p.matcher("[" + host + "]").matches());
    }

    private static Bypass noProxy(String value) {
        if (value == null || value.isBlank()) {
            return (host, port) -> false;
        }
        List<String[]> entries = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return (host, port) -> true;
            }
            String entryPort = null;
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && entry.indexOf(':') == colon && !entry.endsWith("]")) {
                entryPort = entry.substring(colon + 1);
                entry = entry.substring(0, colon);
            }
            entries.add(new String[] {entry.startsWith("*.") ? entry.substring(1) : entry, entryPort});
        }
        return (host, port) -> entries.stream().anyMatch(e -> {
            String domain = e[0].startsWith(".") ? e[0].substring(1) : e[0];
            boolean hostMatches = host.equals(domain) || host.endsWith("." + domain);
            return hostMatches && (e[1] == null || e[1].equals(String.valueOf(port)));
        });
    }

    private static int port(String value, int fallback) {
        try {
            int port = Integer.parseInt(value == null ? "" : value.trim());
            return port > 0 && port < 65536 ? port : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private interface Bypass {
        boolean test(String host, int port);
    }

    private record Route(InetSocketAddress address, Bypass bypass, String user, String password) {
    }
}
