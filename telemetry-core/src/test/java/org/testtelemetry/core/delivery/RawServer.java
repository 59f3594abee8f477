package org.testtelemetry.core.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A socket server on 127.0.0.1 for the faults WireMock cannot play: accepting and never answering, headers then
 * silence, or handing back the raw bytes a client sent.
 */
final class RawServer implements AutoCloseable {

    /** What to do with one accepted connection. */
    interface Behaviour {
        void handle(Socket socket, RawServer server) throws Exception;
    }

    private final ServerSocket socket;
    private final Thread acceptor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final List<byte[]> requests = new CopyOnWriteArrayList<>();

    RawServer(Behaviour behaviour) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.add(s);
                    connections.incrementAndGet();
                    Thread worker = new Thread(() -> {
                        try {
                            behaviour.handle(s, this);
                        } catch (Exception ignored) {
                            // the client gave up: that is the point of these tests
                        }
                    }, "raw-server-connection");
                    worker.setDaemon(true);
                    worker.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** Reads one HTTP/1.1 request (headers and a Content-Length body) and keeps its raw bytes. */
    byte[] readRequest(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(head.toByteArray());
        all.write(body);
        requests.add(all.toByteArray());
        return body;
    }

    static void write(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : accepted) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
