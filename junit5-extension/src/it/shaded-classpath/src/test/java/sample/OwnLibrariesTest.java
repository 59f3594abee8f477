package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The project's own Jackson 2 and OkHttp 4 work while the telemetry jar (Jackson 3, OkHttp 5 inside) is loaded. */
class OwnLibrariesTest {

    @Test
    void usesItsOwnJackson2() throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("answer", 42));
        assertEquals("{\"answer\":42}", json);
        assertEquals(System.getProperty("expected.jackson"), com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
    }

    @Test
    void usesItsOwnOkHttp4() throws Exception {
        assertEquals(System.getProperty("expected.okhttp"), okhttp3.OkHttp.VERSION);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> answerOnce(server));
            peer.start();
            OkHttpClient client = new OkHttpClient();
            Request request = new Request.Builder().url("http://127.0.0.1:" + server.getLocalPort() + "/").build();
            try (Response response = client.newCall(request).execute()) {
                assertEquals(200, response.code());
                assertEquals("ok", response.body().string());
            }
            peer.join(5_000);
        }
    }

    @Test
    void seesNoneOfTheTelemetryLibrariesUnrelocated() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("tools.jackson.databind.ObjectMapper"));
        assertTrue(okhttp3.OkHttpClient.class.getProtectionDomain().getCodeSource().getLocation().toString()
                .contains("okhttp-" + System.getProperty("expected.okhttp")));
    }

    private static void answerOnce(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read;
            StringBuilder head = new StringBuilder();
            while (!head.toString().contains("\r\n\r\n") && (read = in.read(buffer)) > 0) {
                head.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
