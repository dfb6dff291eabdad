package io.swarmops.ops.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA of the test's own and the certificates it signs, as {@code docker}'s TLS docs make them with
 * openssl (a CA, a server certificate for the daemon's address, a client certificate), written as the
 * PEM files {@code --tlscacert/--tlscert/--tlskey} name. BouncyCastle comes with docker-java.
 */
public final class TestCertificates {
    /** A key and its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        /** Writes {@code NAME.pem} (certificate) and {@code NAME-key.pem} (key) into {@code dir}; returns the certificate's path. */
        public Path write(Path dir, String name) throws IOException {
            Files.writeString(dir.resolve(name + "-key.pem"), pem(new JcaPKCS8Generator(keys.getPrivate(), null))); // as openssl genpkey writes it
            return Files.writeString(dir.resolve(name + ".pem"), pem(certificate));
        }
    }

    private TestCertificates() {
    }

    public static Issued ca(String name) {
        KeyPair keys = keys();
        return new Issued(keys, sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys, true, null, null));
    }

    /** A daemon's certificate for {@code ip}, signed by {@code ca}. */
    public static Issued server(Issued ca, String ip) {
        KeyPair keys = keys();
        return new Issued(keys, sign(subject(ca), ca.keys(), new X500Name("CN=" + ip), keys, false, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, ip))));
    }

    /** A client's certificate, signed by {@code ca}. */
    public static Issued client(Issued ca) {
        KeyPair keys = keys();
        return new Issued(keys, sign(subject(ca), ca.keys(), new X500Name("CN=client"), keys, false, KeyPurposeId.id_kp_clientAuth, null));
    }

    /** The daemon's side: {@code server}'s key, trusting clients signed by {@code clientCa}. */
    public static SSLContext serverContext(Issued server, Issued clientCa) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", server.keys().getPrivate(), "x".toCharArray(), new X509Certificate[] {server.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "x".toCharArray());
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", clientCa.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name subject(Issued ca) {
        return new X500Name(ca.certificate().getSubjectX500Principal().getName());
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair subjectKeys, boolean isCa,
            KeyPurposeId purpose, GeneralNames san) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (purpose != null) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }
}
