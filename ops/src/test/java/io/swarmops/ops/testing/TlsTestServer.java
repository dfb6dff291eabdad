package io.swarmops.ops.testing;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An https server on loopback with a certificate keytool makes for 127.0.0.1, its CA file placed
 * as the Engine wants it: {@code CERTS_D/127.0.0.1:PORT/ca.crt}. For registry clients' tests.
 */
public final class TlsTestServer implements AutoCloseable {
    private final HttpsServer server;
    private final Path certsDir;

    private TlsTestServer(HttpsServer server, Path certsDir) {
        this.server = server;
        this.certsDir = certsDir;
    }

    private static Path keys;

    /** The keystore and its certificate, made once per JVM (keytool takes seconds on a loaded machine). */
    private static synchronized Path keys() throws IOException, InterruptedException {
        if (keys == null) {
            Path dir = Files.createTempDirectory("tls-test-server");
            dir.toFile().deleteOnExit();
            Path ks = dir.resolve("server.p12");
            Path crt = dir.resolve("server.crt");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                    "-validity", "2", "-keystore", ks.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
            keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storepass", "changeit", "-file", crt.toString());
            ks.toFile().deleteOnExit();
            crt.toFile().deleteOnExit();
            keys = dir;
        }
        return keys;
    }

    /** Starts on 127.0.0.1, a free port; {@code dir} receives {@code certs.d/}. */
    public static TlsTestServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, null);
    }

    /** The same, requiring a client certificate signed by (or equal to) {@code clientCa} (PEM), when not null. */
    public static TlsTestServer start(Path dir, Path clientCa) throws IOException, InterruptedException {
        Path ks = keys().resolve("server.p12");
        Path crt = keys().resolve("server.crt");
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (InputStream in = Files.newInputStream(ks)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, "changeit".toCharArray());
            javax.net.ssl.TrustManager[] trust = null;
            if (clientCa != null) {
                KeyStore clients = KeyStore.getInstance("PKCS12");
                clients.load(null, null);
                try (InputStream c = Files.newInputStream(clientCa)) {
                    clients.setCertificateEntry("client-ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(c));
                }
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(clients);
                trust = tmf.getTrustManagers();
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), trust, null);
            boolean needClient = clientCa != null;
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(com.sun.net.httpserver.HttpsParameters params) {
                    javax.net.ssl.SSLParameters p = tls.getDefaultSSLParameters();
                    p.setNeedClientAuth(needClient);
                    params.setSSLParameters(p);
                }
            });
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        Path certsDir = dir.resolve("certs.d");
        Path hostDir = Files.createDirectories(certsDir.resolve("127.0.0.1:" + server.getAddress().getPort()));
        Files.copy(crt, hostDir.resolve("ca.crt"));
        server.start();
        return new TlsTestServer(server, certsDir);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry's name in image references. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The certs.d root holding this server's CA. */
    public Path certsDir() {
        return certsDir;
    }

    public void handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
