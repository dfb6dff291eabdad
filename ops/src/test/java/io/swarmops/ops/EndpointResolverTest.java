package io.swarmops.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointResolverTest {
    @TempDir
    Path config;

    private DockerEndpoint resolve(Map<String, String> env, ConnectionOptions options) {
        return new EndpointResolver(env, config).resolve(options);
    }

    @Test
    void defaultIsTheLocalSocket() {
        DockerEndpoint e = resolve(Map.of(), ConnectionOptions.fromEnvironment());
        assertEquals("unix:///var/run/docker.sock", e.host().toString());
        assertEquals("default", e.source());
        assertFalse(e.tls());
    }

    @Test
    void hostFlagBeatsDockerHost() {
        DockerEndpoint e = resolve(Map.of("DOCKER_HOST", "tcp://env:2375"), ConnectionOptions.forHost("unix:///a.sock"));
        assertEquals("unix:///a.sock", e.host().toString());
        assertEquals("-H", e.source());
    }

    @Test
    void dockerHostBeatsDockerContext() throws IOException {
        writeContext("prod", "tcp://prod:2376", false);
        DockerEndpoint e = resolve(Map.of("DOCKER_HOST", "tcp://env:2375", "DOCKER_CONTEXT", "prod"),
                ConnectionOptions.fromEnvironment());
        assertEquals("tcp://env:2375", e.host().toString());
    }

    @Test
    void contextFlagReadsTheContextStore() throws IOException {
        writeContext("prod", "tcp://prod:2376", true);
        ConnectionOptions o = new ConnectionOptions(null, "prod", false, null, null, null, null, null, null);
        DockerEndpoint e = resolve(Map.of("DOCKER_HOST", "tcp://env:2375"), o);
        assertEquals("tcp://prod:2376", e.host().toString());
        assertTrue(e.tls(), "a context with TLS material speaks TLS");
        assertTrue(e.verify());
        assertEquals("ca.pem", e.caCert().getFileName().toString());
    }

    @Test
    void currentContextFromConfigJson() throws IOException {
        writeContext("lab", "unix:///lab.sock", false);
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"lab\"}");
        assertEquals("unix:///lab.sock", resolve(Map.of(), ConnectionOptions.fromEnvironment()).host().toString());
    }

    @Test
    void unknownContextIsOneClearError() {
        ConnectionOptions o = new ConnectionOptions(null, "nosuch", false, null, null, null, null, null, null);
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> resolve(Map.of(), o));
        assertTrue(e.getMessage().startsWith("context \"nosuch\" does not exist"), e.getMessage());
    }

    @Test
    void hostAndContextTogetherAreRefused() {
        ConnectionOptions o = new ConnectionOptions("unix:///a.sock", "x", false, null, null, null, null, null, null);
        assertEquals(SwarmOpsException.Kind.INVALID, assertThrows(SwarmOpsException.class, () -> resolve(Map.of(), o)).kind());
    }

    @Test
    void tlsVerifyFromEnvironmentUsesCertPath() throws IOException {
        Path certs = Files.createDirectories(config.resolve("certs"));
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(certs.resolve(f), "x");
        }
        DockerEndpoint e = resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH",
                certs.toString()), ConnectionOptions.fromEnvironment());
        assertTrue(e.tls() && e.verify());
        assertEquals(certs.resolve("key.pem"), e.key());
    }

    @Test
    void addressesAreNormalisedAsDockerDoes() {
        assertEquals("tcp://host:2375", EndpointResolver.normalize("host"));
        assertEquals("tcp://host:2376", EndpointResolver.normalize("host:2376"));
        assertEquals("unix:///run/x.sock", EndpointResolver.normalize("/run/x.sock"));
        assertEquals("ssh://user@host", EndpointResolver.normalize("ssh://user@host"));
        assertThrows(SwarmOpsException.class, () -> EndpointResolver.normalize("http://host"));
    }

    private void writeContext(String name, String host, boolean tls) throws IOException {
        String id = EndpointResolver.sha256(name);
        Path meta = Files.createDirectories(config.resolve("contexts/meta/" + id));
        Files.writeString(meta.resolve("meta.json"),
                "{\"Name\":\"" + name + "\",\"Endpoints\":{\"docker\":{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        if (tls) {
            Path t = Files.createDirectories(config.resolve("contexts/tls/" + id + "/docker"));
            for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
                Files.writeString(t.resolve(f), "x");
            }
        }
    }
}
