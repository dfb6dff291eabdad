package io.swarmops.ops.engine;

import static io.swarmops.ops.engine.EngineApi.filters;
import static io.swarmops.ops.engine.EngineApi.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.EndpointResolver;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.ContainerStats;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** {@link SwarmGateway} over the Engine API. */
public final class EngineGateway implements SwarmGateway {
    private final EngineApi api;
    private final ConnectionOptions options;
    private EngineApi streamingApi;

    private EngineGateway(EngineApi api, ConnectionOptions options) {
        this.api = api;
        this.options = options;
    }

    /** Resolves the endpoint from the options, the environment and docker contexts, and connects lazily. */
    public static EngineGateway connect(ConnectionOptions options) {
        return connect(EndpointResolver.fromSystem().resolve(options), options);
    }

    public static EngineGateway connect(DockerEndpoint endpoint, ConnectionOptions options) {
        return new EngineGateway(new EngineApi(endpoint, options), options);
    }

    @Override
    public DockerEndpoint endpoint() {
        return api.endpoint();
    }

    @Override
    public EngineInfo info() {
        return EngineInfo.from(api.get("/info", null));
    }

    @Override
    public JsonNode version() {
        return api.get("/version", null);
    }

    // ---- swarm ------------------------------------------------------------------------------------

    @Override
    public SwarmInfo swarm() {
        return SwarmInfo.from(api.get("/swarm", null));
    }

    @Override
    public String swarmInit(ObjectNode request) {
        return api.post("/swarm/init", null, request, Map.of()).asText();
    }

    @Override
    public void swarmJoin(ObjectNode request) {
        api.post("/swarm/join", null, request, Map.of());
    }

    @Override
    public void swarmLeave(boolean force) {
        api.post("/swarm/leave", query("force", String.valueOf(force)), null, Map.of());
    }

    @Override
    public void swarmUpdate(long version, ObjectNode spec, boolean rotateWorkerToken, boolean rotateManagerToken) {
        api.post("/swarm/update", query("version", String.valueOf(version),
                "rotateWorkerToken", String.valueOf(rotateWorkerToken),
                "rotateManagerToken", String.valueOf(rotateManagerToken)), spec, Map.of());
    }

    @Override
    public String unlockKey() {
        return Json.text(api.get("/swarm/unlockkey", null), "UnlockKey");
    }

    // ---- nodes ------------------------------------------------------------------------------------

    @Override
    public List<Node> nodes() {
        return list(api.get("/nodes", null), Node::from);
    }

    @Override
    public Node node(String reference) {
        String ref = "self".equals(reference) ? info().nodeId() : reference;
        return Node.from(inspect("node", "/nodes/", ref));
    }

    @Override
    public void updateNode(String id, long version, ObjectNode spec) {
        api.post("/nodes/" + enc(id) + "/update", query("version", String.valueOf(version)), spec, Map.of());
    }

    @Override
    public void removeNode(String id, boolean force) {
        api.delete("/nodes/" + enc(id), query("force", String.valueOf(force)));
    }

    // ---- services and tasks --------------------------------------------------------------------

    @Override
    public List<Service> services(Map<String, List<String>> filters) {
        return list(api.get("/services", filterQuery(filters)), Service::from);
    }

    @Override
    public Service service(String reference) {
        return Service.from(inspect("service", "/services/", reference));
    }

    @Override
    public Service serviceWithDefaults(String reference) {
        // resolved as service() resolves it (ID, prefix, name), then read with the defaults
        // docker service inspect asks for (insertDefaults, API 1.29)
        String id = service(reference).id();
        try {
            return Service.from(api.get("/services/" + enc(id), Map.of("insertDefaults", "true")));
        } catch (SwarmOpsException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                throw SwarmOpsException.notFound("service", reference);
            }
            throw e;
        }
    }

    @Override
    public String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
        JsonNode r = api.post("/services/create", null, spec, authHeader(auth));
        r.path("Warnings").forEach(w -> warnings.accept(w.asText()));
        return Json.text(r, "ID");
    }

    @Override
    public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback,
            Consumer<String> warnings) {
        Map<String, String> q = query("version", String.valueOf(version));
        if (rollback) {
            q.put("rollback", "previous");
        }
        if (auth == null) {
            // keep the credentials stored with the service, as docker does without --with-registry-auth
            q.put("registryAuthFrom", rollback ? "previous-spec" : "spec");
        }
        JsonNode r = api.post("/services/" + enc(id) + "/update", q, spec, authHeader(auth));
        r.path("Warnings").forEach(w -> warnings.accept(w.asText()));
    }

    @Override
    public void removeService(String id) {
        try {
            api.delete("/services/" + enc(id), null);
        } catch (SwarmOpsException e) {
            throw e.kind() == Kind.NOT_FOUND ? SwarmOpsException.notFound("service", id) : e;
        }
    }

    @Override
    public List<Task> tasks(Map<String, List<String>> filters) {
        return list(api.get("/tasks", filterQuery(filters)), Task::from);
    }

    @Override
    public void serviceLogs(String id, boolean follow, String tail, boolean timestamps, Consumer<LogLine> out) {
        serviceLogs(id, follow, tail, timestamps, false, null, out);
    }

    @Override
    public void serviceLogs(String id, boolean follow, String tail, boolean timestamps, boolean details, String since,
            Consumer<LogLine> out) {
        Service service = service(id);
        boolean tty = service.raw().path("Spec").path("TaskTemplate").path("ContainerSpec").path("TTY").asBoolean(false);
        EngineApi source = follow ? streaming() : api;
        Map<String, String> q = query("stdout", "true", "stderr", "true", "follow", String.valueOf(follow),
                "tail", tail == null ? "all" : tail, "timestamps", String.valueOf(timestamps), "details", String.valueOf(details),
                "since", since);
        try (Response r = source.stream("/services/" + enc(service.id()) + "/logs", q)) {
            LogStream.read(r.getBody(), tty, out);
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "log stream of " + id + " broke: " + e.getMessage(), e);
        }
    }

    // ---- networks, configs, secrets ------------------------------------------------------------

    @Override
    public List<SwarmObject> networks(Map<String, List<String>> filters) {
        return list(api.get("/networks", filterQuery(filters)), SwarmObject::from);
    }

    @Override
    public SwarmObject network(String reference) {
        return SwarmObject.from(inspect("network", "/networks/", reference));
    }

    @Override
    public String createNetwork(ObjectNode request) {
        return Json.text(api.post("/networks/create", null, request, Map.of()), "Id");
    }

    @Override
    public void removeNetwork(String id) {
        api.delete("/networks/" + enc(id), null);
    }

    @Override
    public List<SwarmObject> configs(Map<String, List<String>> filters) {
        return list(api.get("/configs", filterQuery(filters)), SwarmObject::from);
    }

    @Override
    public SwarmObject config(String reference) {
        return SwarmObject.from(inspect("config", "/configs/", reference));
    }

    @Override
    public String createConfig(ObjectNode spec) {
        return Json.text(api.post("/configs/create", null, spec, Map.of()), "ID");
    }

    @Override
    public void updateConfig(String id, long version, ObjectNode spec) {
        api.post("/configs/" + enc(id) + "/update", query("version", String.valueOf(version)), spec, Map.of());
    }

    @Override
    public void removeConfig(String id) {
        api.delete("/configs/" + enc(id), null);
    }

    @Override
    public List<SwarmObject> secrets(Map<String, List<String>> filters) {
        return list(api.get("/secrets", filterQuery(filters)), SwarmObject::from);
    }

    @Override
    public SwarmObject secret(String reference) {
        return SwarmObject.from(inspect("secret", "/secrets/", reference));
    }

    @Override
    public String createSecret(ObjectNode spec) {
        return Json.text(api.post("/secrets/create", null, spec, Map.of()), "ID");
    }

    @Override
    public void updateSecret(String id, long version, ObjectNode spec) {
        api.post("/secrets/" + enc(id) + "/update", query("version", String.valueOf(version)), spec, Map.of());
    }

    @Override
    public void removeSecret(String id) {
        api.delete("/secrets/" + enc(id), null);
    }

    // ---- images and events -----------------------------------------------------------------------

    @Override
    public void importImage(InputStream rootfsTar, String repo, String tag) {
        String progress = api.postStream("/images/create", query("fromSrc", "-", "repo", repo, "tag", tag),
                rootfsTar, "application/x-tar");
        for (String line : progress.split("\n")) {
            if (line.contains("\"error\"")) {
                throw new SwarmOpsException(Kind.FAILED, "import of " + repo + ":" + tag + " failed: "
                        + EngineApi.errorMessage(line.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public JsonNode distribution(String image, RegistryAuth auth) {
        return api.get("/distribution/" + pathEnc(image) + "/json", null, authHeader(auth));
    }

    @Override
    public void events(Map<String, List<String>> filters, Duration timeout, Predicate<JsonNode> sink) {
        Map<String, String> q = filterQuery(filters);
        if (!timeout.isZero()) {
            q.put("until", String.valueOf(System.currentTimeMillis() / 1000 + Math.max(1, timeout.toSeconds())));
        }
        ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "events-timeout");
            t.setDaemon(true);
            return t;
        });
        try (Response r = streaming().stream("/events", q)) {
            if (!timeout.isZero()) {
                closer.schedule(r::close, timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            }
            JsonParser parser = Json.MAPPER.getFactory().createParser(r.getBody());
            try (MappingIterator<JsonNode> it = Json.MAPPER.readValues(parser, JsonNode.class)) {
                while (it.hasNextValue()) {
                    if (!sink.test(it.nextValue())) {
                        return;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof SwarmOpsException s) {
                throw s;
            }
            // the stream was closed by the timeout or the daemon: the caller re-reads state anyway
        } finally {
            closer.shutdownNow();
        }
    }

    // ---- a node's own containers ----------------------------------------------------------------

    @Override
    public String createExec(String containerId, ExecSpec spec) {
        ObjectNode body = Json.object();
        body.put("AttachStdin", spec.stdin()).put("AttachStdout", true).put("AttachStderr", true).put("Tty", spec.tty());
        spec.env().forEach(body.putArray("Env")::add);
        if (spec.user() != null) {
            body.put("User", spec.user());
        }
        if (spec.workdir() != null) {
            body.put("WorkingDir", spec.workdir());
        }
        spec.cmd().forEach(body.putArray("Cmd")::add);
        return Json.text(api.post("/containers/" + enc(containerId) + "/exec", null, body, Map.of()), "Id");
    }

    @Override
    public int startExec(String execId, boolean tty, InputStream stdin, java.io.OutputStream stdout, java.io.OutputStream stderr) {
        ObjectNode body = Json.object().put("Detach", false).put("Tty", tty);
        try (Response r = streaming().hijack("/exec/" + enc(execId) + "/start", body, stdin)) {
            if (tty) {
                r.getBody().transferTo(stdout);
                stdout.flush();
            } else {
                LogStream.demultiplex(r.getBody(), stdout, stderr);
            }
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.UNREACHABLE, "the exec stream from " + endpoint().describe() + " broke: " + e.getMessage(), e);
        }
        JsonNode inspect = api.get("/exec/" + enc(execId) + "/json", null);
        if (inspect.path("Running").asBoolean(false) || inspect.path("ExitCode").isNull()) {
            throw new SwarmOpsException(Kind.FAILED, "the exec stream ended before the command " + execId + " did");
        }
        return inspect.path("ExitCode").asInt();
    }

    @Override
    public void resizeExec(String execId, int height, int width) {
        api.post("/exec/" + enc(execId) + "/resize", query("h", String.valueOf(height), "w", String.valueOf(width)), null, Map.of());
    }

    @Override
    public ContainerStats containerStats(String containerId) {
        return ContainerStats.from(api.get("/containers/" + enc(containerId) + "/stats", query("stream", "false", "one-shot", "true")));
    }

    @Override
    public boolean hasImage(String reference) {
        try {
            api.get("/images/" + enc(reference) + "/json", null);
            return true;
        } catch (SwarmOpsException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        api.close();
        if (streamingApi != null) {
            streamingApi.close();
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private synchronized EngineApi streaming() {
        if (streamingApi == null) {
            streamingApi = new EngineApi(api.endpoint(), options.withReadTimeout(Duration.ZERO));
        }
        return streamingApi;
    }

    private JsonNode inspect(String what, String prefix, String reference) {
        if (reference == null || reference.isBlank()) {
            throw SwarmOpsException.invalid(what + " name or ID must not be empty");
        }
        try {
            return api.get(prefix + enc(reference), null);
        } catch (SwarmOpsException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                throw SwarmOpsException.notFound(what, reference);
            }
            throw e;
        }
    }

    private static <T> List<T> list(JsonNode array, Function<JsonNode, T> f) {
        List<T> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(f.apply(n)));
        }
        return out;
    }

    private static Map<String, String> filterQuery(Map<String, List<String>> filters) {
        Map<String, String> q = new HashMap<>();
        if (filters != null && !filters.isEmpty()) {
            q.put("filters", filters(filters));
        }
        return q;
    }

    private static Map<String, String> authHeader(RegistryAuth auth) {
        return auth == null ? Map.of() : Map.of("X-Registry-Auth", auth.header());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A reference in a path that the daemon routes with {@code {name:.*}}: escaped as Go's
     * {@code url.URL} escapes a path for docker's client, so {@code /}, {@code :} and {@code @}
     * stay and nothing in it can end the path or start a query.
     */
    static String pathEnc(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/:@!$&'()*+,;=".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }
}
