package io.swarmops.ops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketHttpClientTest {
    @TempDir
    Path dir;
    private ServerSocketChannel server;

    /** One connection: returns what the client sent, after answering {@code answer}. */
    private CompletableFuture<String> serveOnce(String answer, boolean thenHold) throws IOException {
        java.nio.file.Files.deleteIfExists(dir.resolve("d.sock"));
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("d.sock")));
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel c = server.accept()) {
                InputStream in = Channels.newInputStream(c);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                while (!got.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                    got.write(in.read());
                }
                String head = got.toString(StandardCharsets.UTF_8);
                int at = head.toLowerCase().indexOf("content-length: ");
                if (at >= 0) {
                    int n = Integer.parseInt(head.substring(at + 16, head.indexOf('\r', at)));
                    got.write(in.readNBytes(n));
                } else if (head.contains("chunked")) {
                    while (!got.toString(StandardCharsets.UTF_8).endsWith("0\r\n\r\n")) {
                        got.write(in.read());
                    }
                }
                Channels.newOutputStream(c).write(answer.getBytes(StandardCharsets.UTF_8));
                if (thenHold) {
                    Thread.sleep(5_000);
                }
                return got.toString(StandardCharsets.UTF_8);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private UnixSocketHttpClient client(Duration readTimeout) {
        return new UnixSocketHttpClient(dir.resolve("d.sock"), readTimeout);
    }

    private static String body(Response r) throws IOException {
        try (r) {
            return new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void contentLengthAnswerAndHeadersAnyCase() throws Exception {
        var sent = serveOnce("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 4\r\n\r\n[1]\nEXTRA", false);
        Response r = client(Duration.ofSeconds(5)).execute(Request.builder().method(Request.Method.GET).path("/v1.41/nodes").build());
        assertEquals(200, r.getStatusCode());
        assertEquals("1.41", r.getHeader("API-Version"));
        assertEquals("[1]\n", body(r));
        assertTrue(sent.get(5, TimeUnit.SECONDS).startsWith("GET /v1.41/nodes HTTP/1.1\r\n"));
    }

    @Test
    void chunkedAnswerAndABodySent() throws Exception {
        var sent = serveOnce("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"mes\r\n10;x=y\r\nsage\":\"no such\"}\r\n0\r\n\r\n", false);
        Request req = Request.builder().method(Request.Method.POST).path("/v1.41/services/create")
                .putHeader("Content-Type", "application/json")
                .body(new ByteArrayInputStream("{\"Name\":\"web\"}".getBytes(StandardCharsets.UTF_8))).build();
        Response r = client(Duration.ofSeconds(5)).execute(req);
        assertEquals(404, r.getStatusCode());
        assertEquals("{\"message\":\"no such\"}", body(r));
        String request = sent.get(5, TimeUnit.SECONDS);
        assertTrue(request.contains("Content-Length: 14\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n{\"Name\":\"web\"}"), request);
    }

    @Test
    void aStreamBodyGoesChunked() throws Exception {
        var sent = serveOnce("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false);
        InputStream stream = new java.io.BufferedInputStream(new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)));
        Request req = Request.builder().method(Request.Method.POST).path("/images/create").body(stream).build();
        assertEquals("", body(client(Duration.ofSeconds(5)).execute(req)));
        assertTrue(sent.get(5, TimeUnit.SECONDS).endsWith("Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
    }

    @Test
    void aSilentDaemonIsATimeoutAndAClosedStreamEndsABlockedRead() throws Exception {
        serveOnce("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", true);
        Response r = client(Duration.ofMillis(300)).execute(Request.builder().method(Request.Method.GET).path("/events").build());
        IOException e = assertThrows(IOException.class, () -> r.getBody().read());
        assertTrue(e.getMessage().contains("no answer from the daemon within 0.3 s"), e.getMessage());
        server.close();

        serveOnce("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", true);
        Response forever = client(Duration.ZERO).execute(Request.builder().method(Request.Method.GET).path("/events").build());
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(forever::close);
        assertThrows(IOException.class, () -> forever.getBody().read());
    }

    @Test
    void noDaemonIsAnUncheckedIoError() {
        assertThrows(UncheckedIOException.class, () -> new UnixSocketHttpClient(dir.resolve("none.sock"), Duration.ofSeconds(1))
                .execute(Request.builder().method(Request.Method.GET).path("/_ping").build()));
        server = null;
    }
}
