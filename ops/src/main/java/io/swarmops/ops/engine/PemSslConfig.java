package io.swarmops.ops.engine;

import com.github.dockerjava.transport.SSLConfig;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS from the PEM files docker uses ({@code --tlscacert/--tlscert/--tlskey}), checked as docker's
 * go-connections {@code tlsconfig.Client} checks them: the CA must be readable and hold a
 * certificate (never a silent fall back to the JVM's public trust store), the client key may be
 * RSA or EC, PKCS#1 or PKCS#8. Built when the gateway is made, so a bad file is one line at once.
 */
final class PemSslConfig implements SSLConfig {
    private final SSLContext context;

    PemSslConfig(DockerEndpoint endpoint) {
        this.context = build(endpoint);
    }

    @Override
    public SSLContext getSSLContext() {
        return context;
    }

    private static SSLContext build(DockerEndpoint endpoint) {
        // the CA first, as docker reads it, and even without verification: docker refuses --tls with a
        // missing or broken CA file too
        TrustManager[] fromCa = endpoint.caCert() == null ? null : trustManagers(endpoint.caCert());
        KeyManager[] keyManagers = null;
        if (endpoint.cert() != null && endpoint.key() != null) {
            keyManagers = keyManagers(endpoint.cert(), endpoint.key());
        }
        TrustManager[] trustManagers;
        if (!endpoint.verify()) {
            trustManagers = new TrustManager[] {new TrustAnyServer()};
        } else if (fromCa != null) {
            trustManagers = fromCa;
        } else {
            trustManagers = null; // a docker context with TLS and no CA of its own: docker uses the system's roots too
        }
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keyManagers, trustManagers, new SecureRandom());
            return c;
        } catch (Exception e) {
            throw invalid("cannot set up TLS for " + endpoint.describe() + ": " + e.getMessage());
        }
    }

    private static TrustManager[] trustManagers(Path ca) {
        List<X509Certificate> certs = certificates(ca);
        if (certs.isEmpty()) {
            throw invalid(ca + " holds no PEM certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certs.size(); i++) {
                store.setCertificateEntry("ca-" + i, certs.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw invalid("cannot use the CA certificates in " + ca + ": " + e.getMessage());
        }
    }

    private static KeyManager[] keyManagers(Path cert, Path key) {
        List<X509Certificate> chain = certificates(cert);
        if (chain.isEmpty()) {
            throw invalid(cert + " holds no PEM certificate");
        }
        PrivateKey privateKey = privateKey(key);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            char[] password = "docker".toCharArray();
            store.setKeyEntry("client", privateKey, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf.getKeyManagers();
        } catch (Exception e) {
            throw invalid("cannot load the client key pair " + cert + ", " + key + ": " + e.getMessage());
        }
    }

    private static List<X509Certificate> certificates(Path pem) {
        try {
            return PemFiles.certificates(pem);
        } catch (IOException e) {
            throw invalid(open(pem, e));
        }
    }

    private static PrivateKey privateKey(Path pem) {
        try {
            PrivateKey key = PemFiles.privateKey(pem);
            if (key == null) {
                throw invalid(pem + " holds no PEM private key");
            }
            return key;
        } catch (IOException e) {
            throw invalid(e instanceof NoSuchFileException || e instanceof AccessDeniedException ? open(pem, e)
                    : "cannot read the private key in " + pem + ": " + e.getMessage());
        }
    }

    /** Go's wording, which docker prints: {@code open PATH: no such file or directory}. */
    static String open(Path p, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        return "open " + p + ": " + why;
    }

    private static SwarmOpsException invalid(String why) {
        return SwarmOpsException.invalid("unable to resolve docker endpoint: " + why);
    }
}
