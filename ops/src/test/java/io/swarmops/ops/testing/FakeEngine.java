package io.swarmops.ops.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A fake Docker Engine on loopback HTTP (or HTTPS) that records every request and answers what the
 * test states: for faults a real daemon cannot be made to show on demand, and to see exactly what
 * swarmops sent (headers, raw paths, bodies). Connect with {@code -H }{@link #host()}.
 *
 * <p>Paths are matched without the {@code /vX.Y} prefix; the first matching answer wins; {@code /_ping}
 * answers API 1.41 unless stated; anything else is 404 as the daemon answers an unknown route.
 */
public final class FakeEngine implements AutoCloseable {
    /** One request as it arrived. {@code rawPath} is still percent-encoded, without the version prefix. */
    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header (names are case-insensitive), or null. */
        public String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, JSON (or text) body (null: {@link #endless}), extra headers. */
    public record Answer(int status, String body, Map<String, String> headers) {
        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json"));
        }

        /** A broken or hostile daemon's body that never ends ({@code [{"ID":"x"},{"ID":"x"},...}): written until the client stops reading. */
        public static Answer endless(int status) {
            return new Answer(status, null, Map.of("Content-Type", "application/json"));
        }

        /** The daemon's error shape: {@code {"message": ...}}. */
        public static Answer error(int status, String message) {
            return json(status, "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        }
    }

    private record Route(String method, Pattern path, Function<Request, Answer> answer) {
    }

    private static final Pattern VERSION = Pattern.compile("^/v[0-9]+\\.[0-9]+(?=/)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-engine");
        t.setDaemon(true);
        return t;
    });
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final String scheme;

    private FakeEngine(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Plain HTTP on a free loopback port. */
    public static FakeEngine start() {
        try {
            return new FakeEngine(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "tcp");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTPS with the server's key and trust in {@code context}; {@code needClientAuth}: refuse clients without a certificate the context trusts. */
    public static FakeEngine startTls(SSLContext context, boolean needClientAuth) {
        try {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    params.setSSLParameters(context.getDefaultSSLParameters());
                    params.setNeedClientAuth(needClientAuth);
                }
            });
            return new FakeEngine(https, "tcp");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address to pass after {@code -H}. */
    public String host() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method} on paths matching {@code pathRegex} (whole path, no version prefix). */
    public FakeEngine on(String method, String pathRegex, Function<Request, Answer> answer) {
        routes.add(new Route(method, Pattern.compile(pathRegex), answer));
        return this;
    }

    public FakeEngine on(String method, String pathRegex, int status, String json) {
        return on(method, pathRegex, r -> Answer.json(status, json));
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The requests whose decoded path matches {@code pathRegex}. */
    public List<Request> requests(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && p.matcher(decode(r.rawPath())).matches()).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String raw = ex.getRequestURI().getRawPath();
            String path = VERSION.matcher(raw).replaceFirst("");
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            Request request = new Request(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(), headers, body);
            requests.add(request);
            Answer answer = answer(request);
            answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            if (answer.body() == null) {
                endless(ex, answer.status());
                return;
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** Chunked, until the client hangs up (or, should it read on, 4 GB: past any heap a test runs with). */
    private static void endless(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, 0);
        byte[] chunk = "{\"ID\":\"x\"},".repeat(6000).getBytes(StandardCharsets.UTF_8);
        try (OutputStream os = ex.getResponseBody()) {
            os.write('[');
            for (long sent = 0; sent < 4L << 30; sent += chunk.length) {
                os.write(chunk);
            }
        } catch (IOException hungUp) {
            // what the test wants: the client stopped reading
        }
    }

    private Answer answer(Request request) {
        String path = decode(request.rawPath());
        for (Route r : routes) {
            if (r.method().equals(request.method()) && r.path().matcher(path).matches()) {
                return r.answer().apply(request);
            }
        }
        if (path.equals("/_ping")) {
            return new Answer(200, "OK", Map.of("API-Version", "1.41", "Content-Type", "text/plain"));
        }
        return Answer.error(404, "page not found");
    }

    private static String decode(String raw) {
        return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
