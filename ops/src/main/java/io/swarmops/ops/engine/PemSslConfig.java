package io.swarmops.ops.engine;

import com.github.dockerjava.core.util.CertificateUtils;
import com.github.dockerjava.transport.SSLConfig;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS from the PEM files docker uses ({@code --tlscacert/--tlscert/--tlskey}), built with docker-java's PEM reader. */
final class PemSslConfig implements SSLConfig {
    private final DockerEndpoint endpoint;

    PemSslConfig(DockerEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public SSLContext getSSLContext() {
        try {
            KeyManager[] keyManagers = null;
            if (endpoint.cert() != null && endpoint.key() != null) {
                KeyStore keys = CertificateUtils.createKeyStore(read(endpoint.key()), read(endpoint.cert()));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, "docker".toCharArray());
                keyManagers = kmf.getKeyManagers();
            }
            TrustManager[] trustManagers;
            if (!endpoint.verify()) {
                trustManagers = new TrustManager[] {new TrustEverything()};
            } else if (endpoint.caCert() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(CertificateUtils.createTrustStore(read(endpoint.caCert())));
                trustManagers = tmf.getTrustManagers();
            } else {
                trustManagers = null; // the JVM's default trust store
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE,
                    "cannot set up TLS for " + endpoint.describe() + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p);
    }

    /** {@code --tls} without {@code --tlsverify}: docker encrypts but does not verify the daemon. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
