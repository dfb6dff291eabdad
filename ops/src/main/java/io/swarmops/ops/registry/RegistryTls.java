package io.swarmops.ops.registry;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.engine.PemFiles;
import io.swarmops.ops.engine.TrustAnyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to a registry as the Engine sets it up ({@code registry.ReadCertsDirectory}): the system's CAs
 * plus every {@code *.crt} in {@code CERTS_D/<registry>/}, and a client certificate from each
 * {@code *.cert} with the {@code *.key} of the same name (PEM, read as {@code --tlskey} is: {@link PemFiles}).
 */
public final class RegistryTls {
    /** Where the Engine looks, for a daemon run as root. */
    public static final Path CERTS_D = Path.of("/etc/docker/certs.d");
    private static final char[] KEY_PASSWORD = "docker".toCharArray();

    private RegistryTls() {
    }

    /** The TLS context for {@code registry} ({@code host:port} as in the image name). */
    public static SSLContext context(Path certsDir, String registry) {
        Path dir = certsDir.resolve(registry);
        try {
            KeyStore trust = systemTrust();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (Files.isDirectory(dir)) {
                List<Path> files;
                try (Stream<Path> list = Files.list(dir)) {
                    files = list.sorted().toList();
                }
                int n = 0;
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".crt")) {
                        List<X509Certificate> certs = PemFiles.certificates(f);
                        if (certs.isEmpty()) {
                            throw new GeneralSecurityException(f + " holds no certificate");
                        }
                        for (Certificate c : certs) {
                            trust.setCertificateEntry("certs.d-" + n++, c);
                        }
                    } else if (name.endsWith(".cert")) {
                        Path key = dir.resolve(name.substring(0, name.length() - ".cert".length()) + ".key");
                        if (!Files.exists(key)) {
                            throw new SwarmOpsException(Kind.INVALID, "missing key " + key + " for client certificate " + f);
                        }
                        PrivateKey privateKey = PemFiles.privateKey(key);
                        List<X509Certificate> chain = PemFiles.certificates(f);
                        if (privateKey == null || chain.isEmpty()) {
                            throw new SwarmOpsException(Kind.INVALID, (privateKey == null ? key + " holds no PEM private key"
                                    : f + " holds no PEM certificate") + " (client certificate of registry " + registry + ")");
                        }
                        keys.setKeyEntry("client-" + n++, privateKey, KEY_PASSWORD, chain.toArray(new Certificate[0]));
                    } else if (name.endsWith(".key") && !Files.exists(dir.resolve(name.substring(0, name.length() - 4) + ".cert"))) {
                        throw new SwarmOpsException(Kind.INVALID, "missing client certificate for key " + f);
                    }
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, KEY_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new SwarmOpsException(Kind.INVALID, "cannot read the TLS files for registry " + registry + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What docker does for an insecure registry over https: no verification of the server at all. */
    public static SSLContext unverified() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAnyServer()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new SwarmOpsException(Kind.FAILED, "no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    private static KeyStore systemTrust() throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        if (Files.exists(cacerts)) {
            try (InputStream in = Files.newInputStream(cacerts)) {
                ks.load(in, null);
            }
        } else {
            ks.load(null, null);
        }
        return ks;
    }
}
