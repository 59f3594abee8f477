package sample;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.testng.annotations.Test;

/** The project's own Jackson 2 and OkHttp 4 work while the telemetry jar (Jackson 3, OkHttp 5 inside) is loaded. */
public class OwnLibrariesTest {

    @Test
    public void usesItsOwnJackson2() throws Exception {
        assertEquals(new ObjectMapper().writeValueAsString(Map.of("answer", 42)), "{\"answer\":42}");
        assertEquals(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(),
                System.getProperty("expected.jackson"));
    }

    @Test
    public void usesItsOwnOkHttp4() throws Exception {
        assertEquals(okhttp3.OkHttp.VERSION, System.getProperty("expected.okhttp"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Request request = new Request.Builder()
                    .url("http://127.0.0.1:" + server.getAddress().getPort() + "/").build();
            try (Response response = new OkHttpClient().newCall(request).execute()) {
                assertEquals(response.code(), 200);
                assertEquals(response.body().string(), "ok");
            }
        } finally {
            server.stop(0);
        }
    }

    @Test
    public void greets() {
        assertEquals(Greeter.greet("TestNG"), "Hello, TestNG!");
    }

    @Test
    public void seesNoneOfTheTelemetryLibrariesUnrelocated() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("tools.jackson.databind.ObjectMapper"));
        assertTrue(OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toString()
                .contains("okhttp-" + System.getProperty("expected.okhttp")));
    }
}
