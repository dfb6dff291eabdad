package io.swarmops.ops.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.testing.TlsTestServer;
import io.swarmops.ops.registry.RegistryException.Problem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a registry on loopback that answers as told: over https verified with the CA
 * in certs.d (loopback is not taken as insecure here), and over plain HTTP where allowed.
 */
class RegistryClientTest {
    static final String DIGEST = "sha256:" + "1".repeat(64);
    static final String INDEX = "application/vnd.oci.image.index.v1+json";
    static final InsecureRegistries NONE = new InsecureRegistries(List.of(), Set.of());
    TlsTestServer server;
    String registry;
    final List<String> seen = new ArrayList<>();
    final RegistryAuth alice = new RegistryAuth("x", "alice", "s3cret-pw", "");
    RegistryClient client;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = TlsTestServer.start(dir);
        registry = server.address();
        client = new RegistryClient(server.certsDir(), NONE, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void answer(HttpExchange x, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            x.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head || b.length == 0 ? -1 : b.length);
        if (!head && b.length > 0) {
            x.getResponseBody().write(b);
        }
        x.close();
    }

    private String basic(String user, String pw) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicAuthThenTheManifestListsDigest() {
        server.handle("/v2/team/app/manifests/1", x -> {
            seen.add(x.getRequestMethod() + " " + x.getRequestHeaders().getFirst("Accept"));
            if (!basic("alice", "s3cret-pw").equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, "", "WWW-Authenticate", "Basic realm=\"Registry\"");
            } else {
                answer(x, 200, "", "Docker-Content-Digest", DIGEST, "Content-Type", INDEX);
            }
        });
        RegistryClient.Resolution r = client.resolve(ImageName.parse(registry + "/team/app:1"), alice, "/root/.docker/config.json");
        assertEquals(DIGEST, r.digest());
        assertEquals(INDEX, r.mediaType());
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).startsWith("HEAD " + INDEX + ", application/vnd.docker.distribution.manifest.list.v2+json"), seen.toString());
    }

    @Test
    void bearerTokenWithScopeAndBasicCredentials() {
        server.handle("/token", x -> {
            seen.add("token " + x.getRequestURI().getRawQuery() + " " + x.getRequestHeaders().getFirst("Authorization"));
            answer(x, 200, "{\"token\":\"tok-123\"}");
        });
        server.handle("/v2/team/app/manifests/1", x -> {
            if (!"Bearer tok-123".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, "", "WWW-Authenticate", "Bearer realm=\"https://" + registry + "/token\",service=\"reg\",scope=\"x\"");
            } else {
                answer(x, 200, "", "Docker-Content-Digest", DIGEST);
            }
        });
        assertEquals(DIGEST, client.resolve(ImageName.parse(registry + "/team/app:1"), alice, "f").digest());
        assertEquals(List.of("token service=reg&scope=repository%3Ateam%2Fapp%3Apull " + basic("alice", "s3cret-pw")), seen);
    }

    @Test
    void anIdentityTokenIsARefreshToken() {
        server.handle("/token", x -> {
            seen.add(x.getRequestMethod() + " " + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(x, 200, "{\"access_token\":\"tok-9\"}");
        });
        server.handle("/v2/app/manifests/latest", x -> {
            if (!"Bearer tok-9".equals(x.getRequestHeaders().getFirst("Authorization"))) {
                answer(x, 401, "", "WWW-Authenticate", "Bearer realm=\"https://" + registry + "/token\",service=\"reg\"");
            } else {
                answer(x, 200, "", "Docker-Content-Digest", DIGEST);
            }
        });
        client.resolve(ImageName.parse(registry + "/app"), new RegistryAuth("x", "", "", "refresh-abc"), "f");
        assertEquals(List.of("POST grant_type=refresh_token&client_id=swarmops&service=reg&scope=repository%3Aapp%3Apull&refresh_token=refresh-abc"),
                seen);
    }

    @Test
    void withoutTheHeaderTheDigestIsTheManifestsHash() {
        String manifest = "{\"schemaVersion\":2}";
        server.handle("/v2/app/manifests/1", x -> answer(x, 200, manifest, "Content-Type", "application/vnd.docker.distribution.manifest.v2+json"));
        assertEquals("sha256:" + java.util.HexFormat.of().formatHex(sha256(manifest)),
                client.resolve(ImageName.parse(registry + "/app:1"), null, "f").digest());
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wrongCredentialsAreOneLineWithoutTheSecret() {
        server.handle("/v2/app/manifests/1", x -> answer(x, 401, "", "WWW-Authenticate", "Basic realm=\"Registry\""));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.resolve(ImageName.parse(registry + "/app:1"), alice, "/root/.docker/config.json"));
        assertEquals(Problem.UNAUTHORIZED, e.problem());
        assertEquals("registry " + registry + " refused the credentials of user alice for app (401); credentials were looked for in "
                + "/root/.docker/config.json", e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"));
        RegistryException anonymous = assertThrows(RegistryException.class,
                () -> client.resolve(ImageName.parse(registry + "/app:1"), new RegistryAuth("x", "", "", ""), "/root/.docker/config.json"));
        assertTrue(anonymous.getMessage().contains("refused anonymous access (no credentials found)"), anonymous.getMessage());
    }

    @Test
    void aTokenServiceThatRefusesIsUnauthorized() {
        server.handle("/token", x -> answer(x, 401, "{\"details\":\"no\"}"));
        server.handle("/v2/app/manifests/1", x -> answer(x, 401, "", "WWW-Authenticate",
                "Bearer realm=\"https://" + registry + "/token\",service=\"reg\""));
        RegistryException e = assertThrows(RegistryException.class, () -> client.resolve(ImageName.parse(registry + "/app:1"), alice, "f"));
        assertEquals(Problem.UNAUTHORIZED, e.problem());
    }

    @Test
    void unknownTagIsNotFound() {
        server.handle("/v2/", x -> answer(x, 404, "{}"));
        RegistryException e = assertThrows(RegistryException.class, () -> client.resolve(ImageName.parse(registry + "/app:9"), null, "f"));
        assertEquals(Problem.NOT_FOUND, e.problem());
        assertEquals("registry " + registry + " has no app:9 (404)", e.getMessage());
    }

    @Test
    void aServerCertificateNotInCertsDIsRefused(@TempDir Path other) {
        server.handle("/v2/", x -> answer(x, 200, "", "Docker-Content-Digest", DIGEST));
        RegistryException e = assertThrows(RegistryException.class,
                () -> new RegistryClient(other, NONE, Duration.ofSeconds(10)).resolve(ImageName.parse(registry + "/app:1"), null, "f"));
        assertEquals(Problem.UNREACHABLE, e.problem());
        assertTrue(e.getMessage().startsWith("registry " + registry + " unreachable (https://" + registry + ": TLS: "), e.getMessage());
    }

    @Test
    void aClientCertificateInCertsDIsPresented(@TempDir Path other) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key",
                "-out", "client.cert", "-days", "2", "-subj", "/CN=swarmops-client").directory(other.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        try (TlsTestServer mutual = TlsTestServer.start(other, other.resolve("client.cert"))) {
            mutual.handle("/v2/", x -> answer(x, 200, "", "Docker-Content-Digest", DIGEST));
            ImageName image = ImageName.parse(mutual.address() + "/app:1");
            RegistryException refused = assertThrows(RegistryException.class,
                    () -> new RegistryClient(mutual.certsDir(), NONE, Duration.ofSeconds(10)).resolve(image, null, "f"));
            assertEquals(Problem.UNREACHABLE, refused.problem(), "no client certificate yet");
            Path hostDir = mutual.certsDir().resolve(mutual.address());
            java.nio.file.Files.copy(other.resolve("client.cert"), hostDir.resolve("client.cert"));
            java.nio.file.Files.copy(other.resolve("client.key"), hostDir.resolve("client.key"));
            assertEquals(DIGEST, new RegistryClient(mutual.certsDir(), NONE, Duration.ofSeconds(10)).resolve(image, null, "f").digest());
        }
    }

    @Test
    void plainHttpOnlyWhereTheDaemonAllowsIt() throws IOException {
        HttpServer plain = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        plain.createContext("/v2/", x -> {
            seen.add(x.getRequestURI().toString());
            answer(x, 200, "", "Docker-Content-Digest", DIGEST);
        });
        plain.start();
        try {
            String at = "127.0.0.1:" + plain.getAddress().getPort();
            // https to a server that only speaks HTTP waits for the handshake: short timeouts
            RegistryException e = assertThrows(RegistryException.class,
                    () -> new RegistryClient(Path.of("/nonexistent"), NONE, Duration.ofSeconds(1)).resolve(ImageName.parse(at + "/app:1"), null, "f"));
            assertEquals(Problem.UNREACHABLE, e.problem());
            assertTrue(e.getMessage().contains("plain HTTP is not allowed"), e.getMessage());
            assertEquals(List.of(), seen, "nothing was asked over plain HTTP");
            assertEquals(DIGEST, new RegistryClient(Path.of("/nonexistent"), new InsecureRegistries(List.of(), Set.of(at)), Duration.ofSeconds(1))
                    .resolve(ImageName.parse(at + "/app:1"), null, "f").digest());
            assertEquals(DIGEST, new RegistryClient(Path.of("/nonexistent"), InsecureRegistries.DEFAULT, Duration.ofSeconds(1))
                    .resolve(ImageName.parse(at + "/app:1"), null, "f").digest(), "loopback is insecure by default");
        } finally {
            plain.stop(0);
        }
    }
}
