package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three places docker's {@code config.json} keeps credentials, with fake
 * {@code docker-credential-*} helpers on a PATH of the test's own: what is sent is read back from
 * the X-Registry-Auth header that would go to the daemon.
 */
class RegistryCredentialsTest {
    @TempDir
    Path dir;
    Path bin;

    @BeforeEach
    void helpers() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        // answers for the registry it is asked about, and writes down what it was asked
        helper("store", """
                read -r server
                printf '%s' "$server" > "$(dirname "$0")/store.asked"
                printf '{"ServerURL":"%s","Username":"store-user","Secret":"store-pa$$word"}' "$server"
                """);
        helper("pass", """
                read -r server
                printf '{"ServerURL":"%s","Username":"pass-user","Secret":"pass-secret"}' "$server"
                """);
        helper("token", """
                read -r server
                printf '{"ServerURL":"%s","Username":"<token>","Secret":"id-token-1"}' "$server"
                """);
        helper("empty", "echo 'credentials not found in native keychain'; exit 1\n");
        helper("broken", "echo 'the keychain is locked' >&2; echo 'keychain locked'; exit 3\n");
    }

    private void helper(String name, String body) throws Exception {
        Path p = bin.resolve("docker-credential-" + name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private RegistryAuth forImage(String config, String image) throws Exception {
        Files.writeString(dir.resolve("config.json"), config);
        return RegistryCredentials.fromEnvironment(Map.of("DOCKER_CONFIG", dir.toString(), "PATH", "/nonexistent:" + bin)).forImage(image);
    }

    private static JsonNode sent(RegistryAuth auth) throws Exception {
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(auth.header()));
    }

    @Test
    void authsWithTheBase64UserColonPassword() throws Exception {
        String auth = Base64.getEncoder().encodeToString("alice:pa:ss".getBytes());
        JsonNode h = sent(forImage("{\"auths\":{\"registry.example:5000\":{\"auth\":\"" + auth + "\"}}}", "registry.example:5000/app:1"));
        assertEquals("alice", h.path("username").asText());
        assertEquals("pa:ss", h.path("password").asText());
        assertEquals("registry.example:5000", h.path("serveraddress").asText());
    }

    @Test
    void credsStoreAnswersForEveryRegistryAndIsAskedForTheRegistry() throws Exception {
        JsonNode h = sent(forImage("{\"credsStore\":\"store\",\"auths\":{\"registry.example:5000\":{}}}", "registry.example:5000/team/app:1"));
        assertEquals("store-user", h.path("username").asText());
        assertEquals("store-pa$$word", h.path("password").asText());
        assertEquals("registry.example:5000", h.path("serveraddress").asText());
        assertEquals("registry.example:5000", Files.readString(bin.resolve("store.asked")));
        // Docker Hub is asked for by its index address, as docker asks
        assertEquals("https://index.docker.io/v1/", sent(forImage("{\"credsStore\":\"store\"}", "library/busybox")).path("serveraddress").asText());
        assertEquals("https://index.docker.io/v1/", Files.readString(bin.resolve("store.asked")));
    }

    @Test
    void credHelpersWinOverCredsStoreForTheirRegistryOnly() throws Exception {
        String config = "{\"credsStore\":\"store\",\"credHelpers\":{\"private.example\":\"pass\",\"tok.example\":\"token\"}}";
        JsonNode pass = sent(forImage(config, "private.example/app"));
        assertEquals("pass-user", pass.path("username").asText());
        assertEquals("pass-secret", pass.path("password").asText());
        assertEquals("private.example", pass.path("serveraddress").asText());
        assertEquals("store-user", sent(forImage(config, "other.example/app")).path("username").asText());
        JsonNode token = sent(forImage(config, "tok.example/app"));
        assertEquals("id-token-1", token.path("identitytoken").asText());
        assertFalse(token.has("password"));
    }

    @Test
    void credentialsNotFoundIsAnEmptyAuthNotTheAuthsEntry() throws Exception {
        String auth = Base64.getEncoder().encodeToString("stale:old".getBytes());
        JsonNode h = sent(forImage("{\"credsStore\":\"empty\",\"auths\":{\"r.example\":{\"auth\":\"" + auth + "\"}}}", "r.example/app"));
        assertEquals("", h.path("username").asText());
        assertEquals("", h.path("password").asText());
        assertEquals("r.example", h.path("serveraddress").asText());
    }

    @Test
    void aFailingOrMissingHelperStopsTheCommandAsDockersDoes() throws Exception {
        SwarmOpsException broken = assertThrows(SwarmOpsException.class, () -> forImage("{\"credsStore\":\"broken\"}", "r.example/app"));
        assertEquals("error getting credentials from docker-credential-broken - err: exit status 3, out: `keychain locked`", broken.getMessage());
        SwarmOpsException missing = assertThrows(SwarmOpsException.class, () -> forImage("{\"credHelpers\":{\"r.example\":\"nosuch\"}}", "r.example/app"));
        assertEquals("error getting credentials - err: exec: \"docker-credential-nosuch\": executable file not found in $PATH", missing.getMessage());
    }
}
