package io.swarmops.compose;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
    private final String searchPath;

    /**
     * @param configFile docker's {@code config.json}
     * @param searchPath the {@code PATH} that {@code docker-credential-<name>} helpers are looked up in
     */
    public RegistryCredentials(Path configFile, String searchPath) {
        this.configFile = configFile;
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    /** Where credentials are looked for, for messages: the config file (its helpers are named in it). */
    public Path configFile() {
        return configFile;
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; helpers on {@code $PATH}. */
    public static RegistryCredentials fromEnvironment(java.util.Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        Path base = dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker");
        return new RegistryCredentials(base.resolve("config.json"), env.get("PATH"));
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
            throw new SwarmOpsException(SwarmOpsException.Kind.INVALID, configFile + ": not valid JSON");
        }
        String helper = config.path("credHelpers").path(registry).asText("");
        if (helper.isEmpty()) {
            helper = config.path("credsStore").asText("");
        }
        if (!helper.isEmpty()) {
            // as docker's native store: what the helper says, nothing from auths
            return fromHelper(helper, registry);
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

    /**
     * {@code docker-credential-<helper> get} with the registry on stdin, as docker's credential
     * helper client runs it: "credentials not found" is no credentials (an empty auth, which docker
     * sends too), any other failure stops the command, as docker's does. Its stderr is dropped and
     * nothing it answered is ever printed but its first line of error text.
     */
    private RegistryAuth fromHelper(String helper, String registry) {
        String name = "docker-credential-" + helper;
        Path executable = lookPath(name);
        if (executable == null) {
            throw failed("error getting credentials - err: exec: \"" + name + "\": executable file not found in $PATH");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultExecutor exec = DefaultExecutor.builder().get();
        exec.setStreamHandler(new PumpStreamHandler(out, OutputStream.nullOutputStream(),
                new ByteArrayInputStream(registry.getBytes(StandardCharsets.UTF_8))));
        exec.setWatchdog(ExecuteWatchdog.builder().setTimeout(Duration.ofSeconds(30)).get());
        try {
            exec.execute(new CommandLine(executable.toString()).addArgument("get"));
        } catch (ExecuteException e) {
            String said = out.toString(StandardCharsets.UTF_8).trim();
            if (said.contains("credentials not found")) {
                return new RegistryAuth(registry, "", "", "");
            }
            String first = said.lines().findFirst().orElse("");
            throw failed("error getting credentials from " + name + " - err: exit status " + e.getExitValue() + ", out: `"
                    + (first.length() > 200 ? first.substring(0, 200) + "..." : first) + "`");
        } catch (IOException e) {
            throw failed("credential helper " + name + " could not be run: " + e.getMessage());
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
            throw failed("credential helper " + name + " answered something that is not JSON");
        }
    }

    /** Go's {@code exec.LookPath}: the first executable of that name on the search path. */
    private Path lookPath(String name) {
        for (String dir : searchPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static SwarmOpsException failed(String message) {
        return new SwarmOpsException(SwarmOpsException.Kind.FAILED, message);
    }
}
