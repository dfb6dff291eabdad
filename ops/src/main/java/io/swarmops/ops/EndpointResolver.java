package io.swarmops.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Resolves which daemon to talk to, with docker's precedence: {@code -H}, then {@code --context},
 * then {@code DOCKER_HOST}, then {@code DOCKER_CONTEXT}, then the current context of
 * {@code config.json}, then the local socket. TLS follows {@code --tls/--tlsverify},
 * {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}, or the context's own TLS material.
 */
public final class EndpointResolver {

    private final Map<String, String> env;
    private final Path configDir;

    /**
     * @param env       the process environment (a map, so tests can state it)
     * @param configDir docker's config directory ({@code DOCKER_CONFIG} or {@code ~/.docker})
     */
    public EndpointResolver(Map<String, String> env, Path configDir) {
        this.env = env;
        this.configDir = configDir;
    }

    public static EndpointResolver fromSystem() {
        Map<String, String> env = System.getenv();
        String dir = env.get("DOCKER_CONFIG");
        Path configDir = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return new EndpointResolver(env, configDir);
    }

    public Path configDir() {
        return configDir;
    }

    public DockerEndpoint resolve(ConnectionOptions options) {
        if (options.host() != null && options.context() != null) {
            throw SwarmOpsException.invalid("conflicting options: either specify --host or --context, not both");
        }
        if (options.host() != null) {
            return withTls(normalize(options.host()), "-H", options);
        }
        if (options.context() != null) {
            return fromContext(options.context(), "--context " + options.context());
        }
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return withTls(normalize(dockerHost), "DOCKER_HOST", options);
        }
        String envContext = env.get("DOCKER_CONTEXT");
        if (envContext != null && !envContext.isBlank()) {
            return fromContext(envContext, "DOCKER_CONTEXT=" + envContext);
        }
        String current = currentContext();
        if (current != null) {
            return fromContext(current, "current context " + current);
        }
        return withTls(DockerEndpoint.DEFAULT_HOST, "default", options);
    }

    private DockerEndpoint withTls(String host, String source, ConnectionOptions options) {
        boolean verify = options.tlsVerify() != null ? options.tlsVerify() : !blank(env.get("DOCKER_TLS_VERIFY"));
        boolean tls = verify || options.tls();
        if (!tls) {
            return DockerEndpoint.plain(host, source);
        }
        String certPath = env.get("DOCKER_CERT_PATH");
        Path certDir = blank(certPath) ? configDir : Path.of(certPath);
        // as docker: the CA, named or DOCKER_CERT_PATH/ca.pem, must be there (it is read when the gateway is
        // made, and a missing one is refused, never replaced by the JVM's public roots); a named client
        // certificate or key must be there too, the default ones are used when they are
        Path ca = options.tlsCaCert() != null ? Path.of(options.tlsCaCert()) : certDir.resolve("ca.pem");
        Path cert = options.tlsCert() != null ? Path.of(options.tlsCert()) : existing(certDir.resolve("cert.pem"));
        Path key = options.tlsKey() != null ? Path.of(options.tlsKey()) : existing(certDir.resolve("key.pem"));
        return new DockerEndpoint(java.net.URI.create(host), true, verify, ca, cert, key, source);
    }

    private DockerEndpoint fromContext(String name, String source) {
        if ("default".equals(name)) {
            return DockerEndpoint.plain(DockerEndpoint.DEFAULT_HOST, source);
        }
        String id = sha256(name);
        Path meta = configDir.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
        JsonNode docker;
        try {
            docker = Json.read(Files.readAllBytes(meta)).path("Endpoints").path("docker");
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.INVALID,
                    "context \"" + name + "\" does not exist (no " + meta + ")");
        }
        String host = docker.path("Host").asText(null);
        if (blank(host)) {
            throw SwarmOpsException.invalid("context \"" + name + "\" has no docker endpoint");
        }
        Path tlsDir = configDir.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
        Path ca = existing(tlsDir.resolve("ca.pem"));
        Path cert = existing(tlsDir.resolve("cert.pem"));
        Path key = existing(tlsDir.resolve("key.pem"));
        boolean skipVerify = docker.path("SkipTLSVerify").asBoolean(false);
        boolean tls = ca != null || cert != null || skipVerify;
        return new DockerEndpoint(java.net.URI.create(normalize(host)), tls, tls && !skipVerify, ca, cert, key, source);
    }

    private String currentContext() {
        Path config = configDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            String current = Json.read(Files.readAllBytes(config)).path("currentContext").asText("");
            return current.isBlank() ? null : current;
        } catch (IOException e) {
            throw SwarmOpsException.invalid("cannot read " + config + ": " + e.getMessage());
        }
    }

    /** Accepts what docker accepts after -H: {@code unix:///p}, {@code tcp://h:p}, {@code h:p}, {@code /path.sock}. */
    static String normalize(String host) {
        String h = host.trim();
        if (h.startsWith("/")) {
            return "unix://" + h;
        }
        if (!h.contains("://")) {
            h = "tcp://" + h;
        }
        if (h.startsWith("tcp://") && !h.substring(6).contains(":")) {
            h = h + ":2375";
        }
        if (!(h.startsWith("unix://") || h.startsWith("tcp://") || h.startsWith("ssh://"))) {
            throw SwarmOpsException.invalid("unsupported daemon address " + host + " (use unix:///path, tcp://host:port or ssh://[user@]host[:port])");
        }
        return h;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path existing(Path p) {
        return Files.isReadable(p) ? p : null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
