package io.swarmops.ops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.registry.RegistryException.Problem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The Registry HTTP API v2, for one question: which digest does {@code name:tag} have now? The
 * digest docker pins ({@code GET /distribution}): the manifest list's (OCI index's) when the tag has
 * one, else the manifest's, from {@code Docker-Content-Digest} of a HEAD (a GET, hashed, when the
 * registry leaves the header out). Bearer-token auth (the {@code WWW-Authenticate} challenge, then
 * the token endpoint with scope {@code repository:NAME:pull}) and Basic auth. TLS with the CA and
 * client certificate in {@code certs.d}; plain HTTP only for a registry the daemon calls insecure,
 * after https (unverified, as docker) failed. No secret ever reaches a message.
 */
public final class RegistryClient {
    /** Accepted manifest types, most wanted first, as docker asks. */
    static final List<String> ACCEPT = List.of(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final Path certsDir;
    private final InsecureRegistries insecure;
    private final Duration timeout;
    private final Map<String, HttpClient> clients = new HashMap<>();

    /**
     * @param certsDir the certs.d root ({@link RegistryTls#CERTS_D} for a daemon run as root)
     * @param insecure where plain HTTP is allowed (the daemon's view)
     * @param timeout  for connecting and for each answer
     */
    public RegistryClient(Path certsDir, InsecureRegistries insecure, Duration timeout) {
        this.certsDir = certsDir;
        this.insecure = insecure;
        this.timeout = timeout;
    }

    /** A tag's digest, and what kind of manifest it names. */
    public record Resolution(String digest, String mediaType) {
    }

    /**
     * Resolves {@code image}'s tag at its registry.
     *
     * @param auth        the credentials for the registry (an empty one: anonymous)
     * @param credentials where they were looked for, for the 401 message ("/root/.docker/config.json")
     */
    public Resolution resolve(ImageName image, RegistryAuth auth, String credentials) {
        String reference = image.tag() != null ? image.tag() : image.digest();
        boolean plainAllowed = insecure.allows(image);
        List<String> tried = new ArrayList<>();
        for (String scheme : plainAllowed ? List.of("https", "http") : List.of("https")) {
            URI uri = URI.create(scheme + "://" + image.apiHost() + "/v2/" + image.path() + "/manifests/" + reference);
            try {
                return resolveAt(uri, image, auth, credentials, plainAllowed);
            } catch (IOException e) {
                tried.add(uri.getScheme() + "://" + image.apiHost() + ": " + describe(e));
            }
        }
        throw new RegistryException(Problem.UNREACHABLE, "registry " + image.domain() + " unreachable (" + String.join("; ", tried)
                + (plainAllowed ? "" : "; plain HTTP is not allowed: not an insecure registry of the daemon") + ")");
    }

    private Resolution resolveAt(URI uri, ImageName image, RegistryAuth auth, String credentials, boolean plainAllowed)
            throws IOException {
        HttpClient client = client(uri.getScheme(), image.domain(), plainAllowed);
        HttpResponse<byte[]> r = send(client, manifest(uri, "HEAD", null));
        String authorization = null;
        if (r.statusCode() == 401) {
            authorization = authorize(r, image, auth, credentials, plainAllowed);
            r = send(client, manifest(uri, "HEAD", authorization));
        }
        if (r.statusCode() == 200) {
            String digest = r.headers().firstValue("Docker-Content-Digest").orElse("");
            if (digest.isEmpty()) {
                r = send(client, manifest(uri, "GET", authorization));
                if (r.statusCode() == 200) {
                    digest = "sha256:" + sha256(r.body());
                }
            }
            if (r.statusCode() == 200) {
                return new Resolution(digest, r.headers().firstValue("Content-Type").orElse(""));
            }
        }
        throw answer(r.statusCode(), image, auth, credentials);
    }

    private RegistryException answer(int status, ImageName image, RegistryAuth auth, String credentials) {
        return switch (status) {
            case 401, 403 -> unauthorized(status, image, auth, credentials);
            case 404 -> new RegistryException(Problem.NOT_FOUND, "registry " + image.domain() + " has no " + image.path()
                    + (image.tag() != null ? ":" + image.tag() : "@" + image.digest()) + " (404)");
            default -> new RegistryException(Problem.FAILED, "registry " + image.domain() + " answered " + status + " for "
                    + image.familiarTagged());
        };
    }

    private static RegistryException unauthorized(int status, ImageName image, RegistryAuth auth, String credentials) {
        boolean have = auth != null && auth.present();
        return new RegistryException(Problem.UNAUTHORIZED, "registry " + image.domain() + " refused "
                + (have ? "the credentials of " + (auth.username().isEmpty() ? "the identity token" : "user " + auth.username())
                : "anonymous access (no credentials found)")
                + " for " + image.path() + " (" + status + "); credentials were looked for in " + credentials);
    }

    /** Answers a 401's challenge: the Authorization header to retry with. */
    private String authorize(HttpResponse<byte[]> challenged, ImageName image, RegistryAuth auth, String credentials,
            boolean plainAllowed) throws IOException {
        String challenge = challenged.headers().firstValue("WWW-Authenticate").orElse("");
        String scheme = challenge.contains(" ") ? challenge.substring(0, challenge.indexOf(' ')) : challenge;
        Map<String, String> params = new HashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        boolean have = auth != null && auth.present();
        if (scheme.equalsIgnoreCase("Basic")) {
            if (!have || auth.basicAuthorization() == null) {
                throw unauthorized(401, image, auth, credentials);
            }
            return auth.basicAuthorization();
        }
        if (!scheme.equalsIgnoreCase("Bearer") || !params.containsKey("realm")) {
            throw new RegistryException(Problem.FAILED, "registry " + image.domain() + " asks for an authentication scheme swarmops does not know: "
                    + (scheme.isEmpty() ? "(none given)" : scheme));
        }
        URI realm = URI.create(params.get("realm"));
        if (!"https".equals(realm.getScheme()) && !("http".equals(realm.getScheme()) && plainAllowed)) {
            throw new RegistryException(Problem.FAILED, "registry " + image.domain() + " sends for a token to " + realm.getScheme() + "://"
                    + realm.getHost() + ", which is not https: credentials are not sent there");
        }
        String scope = "repository:" + image.path() + ":pull";
        String service = params.getOrDefault("service", "");
        HttpClient client = client(realm.getScheme(), image.domain(), plainAllowed);
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(timeout);
        if (have && !auth.identityToken().isEmpty()) {
            String form = "grant_type=refresh_token&client_id=swarmops&service=" + enc(service) + "&scope=" + enc(scope)
                    + "&refresh_token=" + enc(auth.identityToken());
            b.uri(realm).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            String query = (service.isEmpty() ? "" : "service=" + enc(service) + "&") + "scope=" + enc(scope);
            b.uri(URI.create(realm + (realm.getRawQuery() == null ? "?" : "&") + query)).GET();
            if (have && auth.basicAuthorization() != null) {
                b.header("Authorization", auth.basicAuthorization());
            }
        }
        HttpResponse<byte[]> t = send(client, b.build());
        if (t.statusCode() == 401 || t.statusCode() == 403) {
            throw unauthorized(t.statusCode(), image, auth, credentials);
        }
        if (t.statusCode() != 200) {
            throw new RegistryException(Problem.FAILED, "the token service of registry " + image.domain() + " (" + realm.getHost()
                    + ") answered " + t.statusCode());
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(t.body());
        } catch (IOException e) {
            throw new RegistryException(Problem.FAILED, "the token service of registry " + image.domain() + " answered something that is not JSON");
        }
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException(Problem.FAILED, "the token service of registry " + image.domain() + " gave no token");
        }
        return "Bearer " + token;
    }

    private HttpRequest manifest(URI uri, String method, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", String.join(", ", ACCEPT))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    private static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private HttpClient client(String scheme, String registry, boolean plainAllowed) {
        return clients.computeIfAbsent(scheme + "://" + registry, k -> {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
            if (scheme.equals("https")) {
                SSLContext tls = plainAllowed ? RegistryTls.unverified() : RegistryTls.context(certsDir, registry);
                b.sslContext(tls);
            }
            return b.build();
        });
    }

    private static String describe(IOException e) {
        String what = e.getClass().getSimpleName().replace("Exception", "");
        String msg = e.getMessage();
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException) {
            return "TLS: " + (msg == null ? what : msg) + " (is its CA in certs.d?)";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return msg == null || msg.isEmpty() ? what : msg;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
