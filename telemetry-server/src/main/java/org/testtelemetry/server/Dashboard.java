package org.testtelemetry.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The built-in dashboard: a fixed set of static files (HTML, CSS, JS and uPlot from its webjar), read from the jar
 * once and served at {@code /} and {@code /ui/…}; every other path goes to the API handler it wraps. No build step
 * and no request to the internet: the page only talks to this server's read API.
 */
final class Dashboard extends Handler.Wrapper {

    /** uPlot's version, as pinned in the root pom (the webjar's directory name). */
    static final String UPLOT_VERSION = "1.6.30";

    private record Asset(String type, byte[] body) { }

    private final Map<String, Asset> assets = new LinkedHashMap<>();

    Dashboard(Handler api) {
        super(api);
        String own = "/org/testtelemetry/server/dashboard/";
        String uplot = "/META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
        assets.put("/", asset(own + "index.html", "text/html; charset=utf-8"));
        assets.put("/ui/dashboard.css", asset(own + "dashboard.css", "text/css; charset=utf-8"));
        assets.put("/ui/dashboard.js", asset(own + "dashboard.js", "text/javascript; charset=utf-8"));
        assets.put("/ui/uPlot.min.css", asset(uplot + "uPlot.min.css", "text/css; charset=utf-8"));
        assets.put("/ui/uPlot.iife.min.js", asset(uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8"));
    }

    private static Asset asset(String resource, String type) {
        try (InputStream in = Dashboard.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the jar: " + resource);
            }
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Asset asset = assets.get(Request.getPathInContext(request));
        if (asset == null || !(request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))) {
            return super.handle(request, response, callback);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.type);
        // The page is tiny; no-cache (revalidate) keeps a browser from showing an old dashboard after an upgrade.
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'");
        if (request.getMethod().equals("HEAD")) {
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, asset.body.length);
            callback.succeeded();
            return true;
        }
        response.write(true, ByteBuffer.wrap(asset.body), callback);
        return true;
    }
}
