package io.swarmops.ops.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.swarmops.ops.CappedFile;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The Engine API over HTTP, as JSON trees: {@link UnixSocketHttpClient} carries the bytes on unix
 * sockets, docker-java's zerodep transport on TCP and TLS; requests and answers stay {@link JsonNode}s so that no field the daemon
 * knows is lost on the way through, whatever docker-java's typed model has.
 */
public final class EngineApi implements AutoCloseable {
    /** The newest API version swarmops speaks; older daemons are spoken to in their own version. */
    public static final String MAX_API_VERSION = "1.47";
    /** Docker 20.10, what the test swarm runs. */
    public static final String BASELINE_API_VERSION = "1.41";

    private final DockerEndpoint endpoint;
    private final DockerHttpClient http;
    private final SshBridge ssh;
    private final ConnectionOptions options;
    /** zerodep for the hijacked connections the lean unix-socket client does not speak; made on first use. */
    private DockerHttpClient hijacking;
    private volatile String apiVersion;

    public EngineApi(DockerEndpoint endpoint, ConnectionOptions options) {
        this.endpoint = endpoint;
        this.options = options;
        this.ssh = "ssh".equals(endpoint.host().getScheme())
                ? SshBridge.start(SshCommand.parse(endpoint.host()), options.connectTimeout()) : null;
        this.http = "unix".equals(endpoint.host().getScheme()) && !endpoint.tls()
                ? new UnixSocketHttpClient(java.nio.file.Path.of(endpoint.host().getPath()), options.readTimeout())
                : zerodep();
    }

    /**
     * docker-java's transport, for TCP, TLS and ssh (its pooled connections spare an ssh process per
     * request), and for a hijacked exec with stdin on a unix socket.
     */
    private DockerHttpClient zerodep() {
        ZerodepDockerHttpClient.Builder builder = new ZerodepDockerHttpClient.Builder()
                .dockerHost(ssh != null ? ssh.uri() : endpoint.host())
                .connectionTimeout(options.connectTimeout())
                .maxConnections(16);
        if (!options.readTimeout().isZero()) {
            builder.responseTimeout(options.readTimeout());
        }
        if (endpoint.tls()) {
            builder.sslConfig(new PemSslConfig(endpoint)); // built here: a bad file is a SwarmOpsException, not wrapped
        }
        return builder.build();
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** The API version in use, found by {@code GET /_ping} on first use. */
    public String apiVersion() {
        String v = apiVersion;
        if (v == null) {
            try (Response r = send(Request.builder().method(Request.Method.GET).path("/_ping").build())) {
                String server = r.getHeader("API-Version");
                v = server == null ? BASELINE_API_VERSION : lower(server, MAX_API_VERSION);
            }
            apiVersion = v;
        }
        return v;
    }

    public JsonNode get(String path, Map<String, String> query) {
        return get(path, query, Map.of());
    }

    public JsonNode get(String path, Map<String, String> query, Map<String, String> headers) {
        return json(call("GET", path, query, null, headers), "GET", path);
    }

    public JsonNode post(String path, Map<String, String> query, JsonNode body, Map<String, String> headers) {
        return json(call("POST", path, query, body == null ? null : bytes(body), headers), "POST", path);
    }

    public JsonNode put(String path, Map<String, String> query, byte[] body, Map<String, String> headers) {
        return json(call("PUT", path, query, body, headers), "PUT", path);
    }

    public void delete(String path, Map<String, String> query) {
        call("DELETE", path, query, null, Map.of()).close();
    }

    /** A request whose body is a stream (image import): the answer is read to its end. */
    public String postStream(String path, Map<String, String> query, InputStream body, String contentType) {
        Request.Builder rb = Request.builder().method(Request.Method.POST).path(versioned(path, query))
                .putHeader("Content-Type", contentType).body(body);
        try (Response r = checked(send(rb.build()), path)) {
            return new String(answer(r, "POST", path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * A POST whose answer is the hijacked connection itself (exec start): {@code stdin}, when not
     * null, is copied to the daemon after the upgrade; the caller reads the answer and closes it.
     */
    public Response hijack(String path, JsonNode body, InputStream stdin) {
        Request.Builder rb = Request.builder().method(Request.Method.POST).path(versioned(path, null))
                .putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(bytes(body)));
        if (stdin != null) {
            rb.putHeader("Connection", "Upgrade").putHeader("Upgrade", "tcp").hijackedInput(stdin);
            try {
                return checked(hijacking().execute(rb.build()), path);
            } catch (RuntimeException e) {
                throw e instanceof SwarmOpsException ? e : unreachable(e);
            }
        }
        return checked(send(rb.build()), path);
    }

    private synchronized DockerHttpClient hijacking() {
        if (!(http instanceof UnixSocketHttpClient)) {
            return http;
        }
        if (hijacking == null) {
            hijacking = zerodep();
        }
        return hijacking;
    }

    /** A streaming answer (logs, events); the caller closes it. */
    public Response stream(String path, Map<String, String> query) {
        return call("GET", path, query, null, Map.of());
    }

    private Response call(String method, String path, Map<String, String> query, byte[] body, Map<String, String> headers) {
        Request.Builder rb = Request.builder().method(method).path(versioned(path, query));
        headers.forEach(rb::putHeader);
        if (body != null) {
            rb.putHeader("Content-Type", "application/json").body(new ByteArrayInputStream(body));
        }
        return checked(send(rb.build()), path);
    }

    private String versioned(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        if (query != null) {
            query.forEach((k, v) -> {
                if (v != null) {
                    q.add(enc(k) + "=" + enc(v));
                }
            });
        }
        return "/v" + apiVersion() + path + q;
    }

    private Response send(Request request) {
        try {
            return http.execute(request);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    private SwarmOpsException unreachable(Exception e) {
        Throwable root = e;
        boolean tls = false;
        boolean untrusted = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            tls |= t instanceof javax.net.ssl.SSLException;
            untrusted |= t instanceof java.security.cert.CertPathBuilderException || t instanceof java.security.cert.CertPathValidatorException;
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (ssh != null && ssh.lastError() != null) {
            why = "ssh: " + ssh.lastError();
        } else if (untrusted && endpoint.caCert() != null) {
            why = "tls: the daemon's certificate is not signed by the CA in " + endpoint.caCert()
                    + " (x509: certificate signed by unknown authority)";
        } else if (tls) {
            why = "tls: " + why;
        }
        return new SwarmOpsException(Kind.UNREACHABLE,
                "cannot connect to the Docker daemon at " + endpoint.describe() + ": " + why, e);
    }

    private Response checked(Response r, String path) {
        int status = r.getStatusCode();
        if (status < 300) {
            return r;
        }
        String message;
        try (r) {
            byte[] raw = CappedFile.upTo(r.getBody(), CappedFile.DAEMON_ERROR);
            message = raw == null ? "HTTP " + status + " from " + path + " with an error " + CappedFile.larger(CappedFile.DAEMON_ERROR)
                    : errorMessage(raw);
        } catch (IOException e) {
            message = "HTTP " + status;
        }
        throw toException(status, message, path);
    }

    static String errorMessage(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8).trim();
        try {
            JsonNode n = Json.read(raw);
            if (n != null && n.hasNonNull("message")) {
                return n.get("message").asText().trim();
            }
        } catch (IOException ignored) {
            // not JSON: the daemon's text is the message
        }
        return text;
    }

    /** Maps the daemon's refusals to the kinds a user and the exit codes care about. */
    static SwarmOpsException toException(int status, String message, String path) {
        String m = message == null ? "" : message;
        Kind kind;
        if (m.contains("does not have a leader") || m.contains("swarm does not have a leader")) {
            kind = Kind.NO_LEADER;
        } else if (m.contains("not a swarm manager") || m.contains("This node is not part of a swarm")
                || m.contains("not part of a swarm")) {
            kind = Kind.NOT_A_MANAGER;
        } else if (status == 404) {
            kind = Kind.NOT_FOUND;
        } else if (status == 409 || m.contains("update out of sequence")) {
            kind = Kind.CONFLICT;
        } else if (status == 400) {
            kind = Kind.INVALID;
        } else {
            kind = Kind.FAILED;
        }
        return new SwarmOpsException(kind, m.isEmpty() ? "HTTP " + status + " from " + path : m);
    }

    /** An answer's body, up to {@link CappedFile#DAEMON_ANSWER}: a broken or hostile daemon's endless body is one refusal, not a heap exhausted. */
    private byte[] answer(Response r, String method, String path) throws IOException {
        byte[] raw = CappedFile.upTo(r.getBody(), CappedFile.DAEMON_ANSWER);
        if (raw == null) {
            throw new SwarmOpsException(Kind.FAILED, "the daemon at " + endpoint.describe() + " answered " + method + " " + path + " with a body "
                    + CappedFile.larger(CappedFile.DAEMON_ANSWER) + "; not read further");
        }
        return raw;
    }

    private JsonNode json(Response r, String method, String path) {
        try (r) {
            byte[] raw = answer(r, method, path);
            if (raw.length == 0) {
                return MissingNode.getInstance();
            }
            return Json.read(raw);
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "unreadable answer from the daemon: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(JsonNode body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String lower(String a, String b) {
        return compareVersions(a, b) <= 0 ? a : b;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Query parameters in order, nulls dropped. */
    public static Map<String, String> query(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    /**
     * Engine filter syntax: {"name":{"x":true}}. Written by jackson-core's generator: a tree's
     * toString() builds an ObjectMapper, a tenth of a {@code service ls}.
     */
    public static String filters(Map<String, ? extends Iterable<String>> filters) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            g.writeStartObject();
            for (var e : filters.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                Set<String> values = new LinkedHashSet<>();
                e.getValue().forEach(values::add);
                for (String v : values) {
                    g.writeBooleanField(v, true);
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }


    @Override
    public void close() {
        try {
            http.close();
            if (hijacking != null) {
                hijacking.close();
            }
        } catch (IOException ignored) {
            // closing a finished connection pool cannot lose anything
        }
        if (ssh != null) {
            ssh.close();
        }
    }
}
