package org.testtelemetry.core.delivery;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Tells a server that closed the connection without a word from one that answered garbage, by what arrived,
 * not by OkHttp's exception texts: the sockets count the bytes received since the request was last written,
 * and {@link #INTERCEPTOR} (a network interceptor) turns an end of stream after some bytes into a
 * {@link MalformedResponseException}. Over TLS the count is hidden under the TLS socket; there garbage fails
 * the handshake anyway.
 */
final class AnswerCountingSockets extends SocketFactory {

    static final AnswerCountingSockets FACTORY = new AnswerCountingSockets();

    /** The network interceptor that reports an early end of stream as malformed when bytes had arrived. */
    static final Interceptor INTERCEPTOR = chain -> {
        Connection connection = chain.connection();
        CountingSocket socket = connection != null && connection.socket() instanceof CountingSocket s ? s : null;
        try {
            return proceed(chain);
        } catch (IOException e) {
            if (socket != null && socket.answered() && endOfStream(e)) {
                throw new MalformedResponseException(e);
            }
            throw e;
        }
    };

    private AnswerCountingSockets() {
    }

    private static Response proceed(Interceptor.Chain chain) throws IOException {
        return chain.proceed(chain.request());
    }

    private static boolean endOfStream(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress... local) throws IOException {
        Socket socket = new CountingSocket();
        try {
            if (local.length > 0) {
                socket.bind(local[0]);
            }
            socket.connect(remote);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server sent bytes, but not an HTTP response. */
    static final class MalformedResponseException extends IOException {
        MalformedResponseException(IOException cause) {
            super("malformed response", cause);
        }
    }

    /** A plain socket whose streams note whether anything arrived since the last write. */
    private static final class CountingSocket extends Socket {

        private volatile long receivedSinceWrite;
        private InputStream counting;
        private OutputStream resetting;

        boolean answered() {
            return receivedSinceWrite > 0;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (counting == null) {
                counting = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            receivedSinceWrite++;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        if (n > 0) {
                            receivedSinceWrite += n;
                        }
                        return n;
                    }
                };
            }
            return counting;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (resetting == null) {
                resetting = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        receivedSinceWrite = 0;
                        super.write(b);
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        receivedSinceWrite = 0;
                        out.write(buffer, offset, length); // FilterOutputStream would write byte by byte
                    }
                };
            }
            return resetting;
        }
    }
}
