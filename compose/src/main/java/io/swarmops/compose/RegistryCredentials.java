package io.swarmops.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.model.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * {@code --with-registry-auth}: the credentials for an image's registry from the docker CLI's
 * {@code config.json}, as docker finds them: a {@code credHelpers} entry for the registry, else the
 * {@code credsStore}, else {@code auths}. Helpers ({@code docker-credential-<name> get}) run with a
 * timeout. Nothing here prints or logs a secret.
 */
public final class RegistryCredentials {
    static final String DOCKER_HUB = "https://index.docker.io/v1/";

    private final Path configFile;

    public RegistryCredentials(Path configFile) {
        this.configFile = configFile;
    }

    /** Where credentials are looked for, for messages: the config file (its helpers are named in it). */
    public Path configFile() {
        return configFile;
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static RegistryCredentials fromEnvironment(java.util.Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        Path base = dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return new RegistryCredentials(base.resolve("config.json"));
    }

    /** The registry an image is pulled from: its domain, or Docker Hub's index address. */
    public static String registryOf(String image) {
        String ref = image;
        int slash = ref.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String head = ref.substring(0, slash);
        boolean domain = head.contains(".") || head.contains(":") || head.equals("localhost");
        if (!domain || head.equals("docker.io") || head.equals("index.docker.io")) {
            return DOCKER_HUB;
        }
        return head;
    }

    /** Credentials for the image's registry; an empty auth for the registry when none are stored. */
    public RegistryAuth forImage(String image) {
        String registry = registryOf(image);
        JsonNode config;
        try {
            config = Files.exists(configFile) ? Json.MAPPER.readTree(configFile.toFile()) : Json.object();
        } catch (IOException e) {
            throw new io.swarmops.ops.SwarmOpsException(io.swarmops.ops.SwarmOpsException.Kind.INVALID,
                    configFile + ": not valid JSON");
        }
        String helper = config.path("credHelpers").path(registry).asText("");
        if (helper.isEmpty()) {
            helper = config.path("credsStore").asText("");
        }
        if (!helper.isEmpty()) {
            RegistryAuth a = fromHelper(helper, registry);
            if (a != null) {
                return a;
            }
        }
        JsonNode entry = config.path("auths").path(registry);
        if (entry.isMissingNode() && registry.equals(DOCKER_HUB)) {
            entry = config.path("auths").path("index.docker.io");
        }
        if (entry.isMissingNode()) {
            for (var it = config.path("auths").fields(); it.hasNext();) {
                var e = it.next();
                if (e.getKey().replaceFirst("^https?://", "").replaceFirst("/.*$", "").equals(registry)) {
                    entry = e.getValue();
                    break;
                }
            }
        }
        String user = entry.path("username").asText("");
        String pass = entry.path("password").asText("");
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                user = decoded.substring(0, colon);
                pass = decoded.substring(colon + 1);
            }
        }
        return new RegistryAuth(registry, user, pass, entry.path("identitytoken").asText(""));
    }

    private static RegistryAuth fromHelper(String helper, String registry) {
        CommandLine cmd = new CommandLine("docker-credential-" + helper).addArgument("get");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultExecutor exec = DefaultExecutor.builder().get();
        exec.setStreamHandler(new PumpStreamHandler(out, new ByteArrayOutputStream(),
                new ByteArrayInputStream(registry.getBytes(StandardCharsets.UTF_8))));
        exec.setWatchdog(ExecuteWatchdog.builder().setTimeout(Duration.ofSeconds(30)).get());
        try {
            exec.execute(cmd);
        } catch (ExecuteException e) {
            return null; // "credentials not found in native keychain": no stored credentials
        } catch (IOException e) {
            throw new io.swarmops.ops.SwarmOpsException(io.swarmops.ops.SwarmOpsException.Kind.FAILED,
                    "credential helper docker-credential-" + helper + " could not be run");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(out.toByteArray());
            String user = n.path("Username").asText("");
            String secret = n.path("Secret").asText("");
            if (user.equals("<token>")) {
                return new RegistryAuth(registry, "", "", secret);
            }
            return new RegistryAuth(registry, user, secret, "");
        } catch (IOException e) {
            throw new io.swarmops.ops.SwarmOpsException(io.swarmops.ops.SwarmOpsException.Kind.FAILED,
                    "credential helper docker-credential-" + helper + " answered something that is not JSON");
        }
    }
}
