package io.swarmops.ops.engine;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 to the Engine over a unix socket with the JDK's own {@link SocketChannel} (JDK 16+):
 * one connection per request ({@code Connection: close}), bodies by {@code Content-Length},
 * chunked or to the end, every read bounded by the read timeout (zero: forever, for logs -f and
 * events). It stands in for docker-java's zerodep transport on unix:// hosts because that one
 * loads about 600 classes (Apache HttpClient, slf4j, a TLS context with every CA certificate of
 * the JVM) for a socket that needs none of them; TCP and TLS stay with zerodep.
 */
final class UnixSocketHttpClient implements DockerHttpClient {
    private final Path socket;
    private final long readTimeoutMillis;

    UnixSocketHttpClient(Path socket, Duration readTimeout) {
        this.socket = socket;
        this.readTimeoutMillis = readTimeout.toMillis();
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException("hijacked connections are not supported over " + socket);
        }
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            send(channel, request);
            ChannelInput in = new ChannelInput(channel, readTimeoutMillis);
            return read(in, request.method());
        } catch (IOException e) {
            close(channel);
            throw new UncheckedIOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    private static void send(SocketChannel channel, Request request) throws IOException {
        InputStream body = request.body();
        StringBuilder head = new StringBuilder(256)
                .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\nConnection: close\r\n");
        request.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        byte[] bytes = null;
        if (body != null) {
            if (request.headers().keySet().stream().noneMatch("Content-Length"::equalsIgnoreCase)) {
                // known bodies (JSON) are small: send them whole; a stream (an image import) goes chunked
                if (body instanceof java.io.ByteArrayInputStream) {
                    bytes = body.readAllBytes();
                    head.append("Content-Length: ").append(bytes.length).append("\r\n");
                } else {
                    head.append("Transfer-Encoding: chunked\r\n");
                }
            }
        } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        write(channel, head.toString().getBytes(StandardCharsets.UTF_8));
        if (bytes != null) {
            write(channel, bytes);
        } else if (body != null) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = body.read(buf)) > 0; ) {
                write(channel, (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                write(channel, ByteBuffer.wrap(buf, 0, n));
                write(channel, CRLF);
            }
            write(channel, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        write(channel, ByteBuffer.wrap(bytes));
    }

    private static void write(SocketChannel channel, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private static Response read(ChannelInput in, String method) throws IOException {
        String status = in.line();
        if (status == null || !status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP answer: " + (status == null ? "connection closed" : status));
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h; !(h = in.line()).isEmpty(); ) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(h.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(h.substring(colon + 1).trim());
            }
        }
        InputStream body;
        String length = first(headers, "Content-Length");
        if (method.equals("HEAD") || code == 204 || code == 304 || code / 100 == 1) {
            body = InputStream.nullInputStream();
        } else if ("chunked".equalsIgnoreCase(first(headers, "Transfer-Encoding"))) {
            body = new Chunked(in);
        } else if (length != null) {
            body = new Bounded(in, Long.parseLong(length));
        } else {
            body = in;
        }
        return new UnixResponse(code, headers, body, in);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static void close(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was sent on a channel we give up
            }
        }
    }

    @Override
    public void close() {
        // one connection per request: nothing is kept open between requests
    }

    private record UnixResponse(int code, Map<String, List<String>> headers, InputStream body, ChannelInput in)
            implements Response {
        @Override
        public int getStatusCode() {
            return code;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public String getHeader(String name) {
            return first(headers, name);
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            in.close();
        }
    }

    /** The channel's bytes, each wait for them bounded by the read timeout; closable from another thread. */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;
        private final Selector selector;
        private final long timeoutMillis;
        private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024).flip();
        private volatile boolean closed;

        ChannelInput(SocketChannel channel, long timeoutMillis) throws IOException {
            this.channel = channel;
            this.timeoutMillis = timeoutMillis;
            channel.configureBlocking(false);
            this.selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        }

        /** false at the end of the stream. */
        private boolean fill() throws IOException {
            if (buffer.hasRemaining()) {
                return true;
            }
            buffer.clear();
            try {
                while (true) {
                    if (closed) {
                        throw new IOException("stream closed");
                    }
                    int n = channel.read(buffer);
                    if (n < 0) {
                        return false;
                    }
                    if (n > 0) {
                        return true;
                    }
                    if (selector.select(timeoutMillis) == 0 && !closed && timeoutMillis > 0) {
                        throw new SocketTimeoutException("no answer from the daemon within " + timeoutMillis / 1000.0 + " s");
                    }
                    selector.selectedKeys().clear();
                }
            } catch (java.nio.channels.ClosedSelectorException | java.nio.channels.ClosedChannelException e) {
                throw new IOException("stream closed", e);
            } finally {
                buffer.flip();
            }
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        /** A header line without its CRLF, or null at the end of the stream. */
        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            int ch;
            while ((ch = read()) >= 0 && ch != '\n') {
                if (ch != '\r') {
                    b.write(ch);
                }
                if (b.size() > 64 * 1024) {
                    throw new IOException("header line too long");
                }
            }
            return ch < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            closed = true;
            UnixSocketHttpClient.close(channel);
            selector.wakeup();
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing is all that is left to do
            }
        }
    }

    /** A body read through {@link #read(byte[], int, int)}. */
    private abstract static class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A Content-Length body. */
    private static final class Bounded extends Body {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the daemon closed the connection " + left + " bytes before the end of its answer");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A chunked body (logs, events, most JSON answers of dockerd). */
    private static final class Chunked extends Body {
        private final ChannelInput in;
        private long left;
        private boolean done;

        Chunked(ChannelInput in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                String size = in.line();
                if (size == null) {
                    throw new EOFException("the daemon closed the connection inside a chunked answer");
                }
                int semi = size.indexOf(';');
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the daemon closed the connection inside a chunk");
            }
            left -= n;
            if (left == 0) {
                in.line(); // the CRLF after the chunk
            }
            return n;
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
