package io.swarmops.ops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.EndpointResolver;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.testing.FakeEngine;
import io.swarmops.ops.testing.TestCertificates;
import io.swarmops.ops.testing.TestCertificates.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "--tlsverify verifies": a TLS front end with a CA of the test's own, which wants a client
 * certificate, as a dockerd started with {@code --tlsverify} does. The client's verification is what
 * is tested, so a fake Engine behind it shows the same as a sandbox daemon would.
 */
class TlsVerifyTest {
    @TempDir
    static Path dir;
    static Path ca;
    static Path otherCa;
    static Path clientCert;
    static Path clientKey;
    static Issued daemonCa;

    @BeforeAll
    static void certificates() throws Exception {
        daemonCa = TestCertificates.ca("daemon-ca");
        ca = daemonCa.write(dir, "ca");
        otherCa = TestCertificates.ca("other-ca").write(dir, "other-ca");
        clientCert = TestCertificates.client(daemonCa).write(dir, "cert");
        clientKey = dir.resolve("cert-key.pem");
    }

    private static FakeEngine daemon(Issued serverCert) {
        return FakeEngine.startTls(TestCertificates.serverContext(serverCert, daemonCa), true)
                .on("GET", "/version", 200, "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\"}");
    }

    private static ConnectionOptions verify(String host, Path caCert, Path cert, Path key) {
        return new ConnectionOptions(host, null, false, true, caCert == null ? null : caCert.toString(),
                cert == null ? null : cert.toString(), key == null ? null : key.toString(), null, null);
    }

    private static EngineGateway connect(ConnectionOptions o) {
        return EngineGateway.connect(new EndpointResolver(Map.of(), dir.resolve("no-docker-config")).resolve(o), o);
    }

    @Test
    void theRightCaAndAClientCertificateWork() {
        try (FakeEngine engine = daemon(TestCertificates.server(daemonCa, "127.0.0.1"));
             EngineGateway gw = connect(verify(engine.host(), ca, clientCert, clientKey))) {
            assertEquals("20.10.24", gw.version().path("Version").asText());
        }
    }

    @Test
    void aDaemonCertificateFromAnotherCaIsRefusedInOneLine() {
        try (FakeEngine engine = daemon(TestCertificates.server(daemonCa, "127.0.0.1"));
             EngineGateway gw = connect(verify(engine.host(), otherCa, clientCert, clientKey))) {
            SwarmOpsException e = assertThrows(SwarmOpsException.class, gw::version);
            assertEquals(SwarmOpsException.Kind.UNREACHABLE, e.kind());
            assertEquals("cannot connect to the Docker daemon at " + engine.host() + " (-H): tls: the daemon's certificate is not "
                    + "signed by the CA in " + otherCa + " (x509: certificate signed by unknown authority)", e.getMessage());
            assertTrue(engine.requests().isEmpty(), "nothing was sent to a daemon that did not prove itself");
        }
    }

    @Test
    void aDaemonCertificateForAnotherAddressIsRefused() {
        // signed by the right CA, but for another host: docker checks the name, so must we
        try (FakeEngine engine = daemon(TestCertificates.server(daemonCa, "127.0.0.2"));
             EngineGateway gw = connect(verify(engine.host(), ca, clientCert, clientKey))) {
            SwarmOpsException e = assertThrows(SwarmOpsException.class, gw::version);
            assertTrue(e.getMessage().startsWith("cannot connect to the Docker daemon at " + engine.host() + " (-H): tls: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(engine.requests().isEmpty());
        }
    }

    @Test
    void tlsWithoutVerifyTakesADaemonCertificateFromAnyCa() {
        // --tls alone: docker encrypts but does not verify the daemon (the name is still checked here, by the HTTP client)
        try (FakeEngine engine = daemon(TestCertificates.server(TestCertificates.ca("stranger-ca"), "127.0.0.1"));
             EngineGateway gw = connect(new ConnectionOptions(engine.host(), null, true, false, ca.toString(), clientCert.toString(),
                     clientKey.toString(), null, null))) {
            assertEquals("20.10.24", gw.version().path("Version").asText());
        }
    }

    @Test
    void aMissingCaIsRefusedBeforeConnectingAsDockerRefusesIt() {
        Path missing = dir.resolve("missing-ca.pem");
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> connect(verify("tcp://127.0.0.1:1", missing, clientCert, clientKey)));
        assertEquals(SwarmOpsException.Kind.INVALID, e.kind());
        assertEquals("unable to resolve docker endpoint: open " + missing + ": no such file or directory", e.getMessage());
    }

    @Test
    void aMissingDefaultCaIsRefusedToo() throws Exception {
        // DOCKER_TLS_VERIFY with a DOCKER_CERT_PATH that has no ca.pem: docker refuses; this fell back to the JVM's roots
        Path certs = Files.createDirectories(dir.resolve("empty-cert-path"));
        ConnectionOptions o = ConnectionOptions.forHost("tcp://127.0.0.1:1");
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> EngineGateway.connect(
                new EndpointResolver(Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()), certs).resolve(o), o));
        assertEquals("unable to resolve docker endpoint: open " + certs.resolve("ca.pem") + ": no such file or directory", e.getMessage());
    }

    @Test
    void aCaFileWithoutACertificateIsRefused() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        try (FakeEngine engine = daemon(TestCertificates.server(daemonCa, "127.0.0.1"))) {
            SwarmOpsException e = assertThrows(SwarmOpsException.class,
                    () -> connect(verify(engine.host(), garbage, clientCert, clientKey)).version());
            assertEquals(SwarmOpsException.Kind.INVALID, e.kind());
            assertEquals("unable to resolve docker endpoint: " + garbage + " holds no PEM certificate", e.getMessage());
        }
    }
}
