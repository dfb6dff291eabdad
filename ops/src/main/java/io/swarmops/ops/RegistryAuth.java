package io.swarmops.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Credentials for one registry, sent to the daemon in the {@code X-Registry-Auth} header (JSON,
 * base64 URL-safe) as {@code docker --with-registry-auth} sends them. {@link #toString()} never shows
 * the secret: credentials must not reach output or logs.
 */
public final class RegistryAuth {
    private final String serverAddress;
    private final String username;
    private final String password;
    private final String identityToken;

    public RegistryAuth(String serverAddress, String username, String password, String identityToken) {
        this.serverAddress = serverAddress;
        this.username = username;
        this.password = password;
        this.identityToken = identityToken;
    }

    public String serverAddress() {
        return serverAddress;
    }

    public String username() {
        return username;
    }

    /** Whether there is anything to authenticate with: a username or an identity token. */
    public boolean present() {
        return username != null && !username.isEmpty() || identityToken != null && !identityToken.isEmpty();
    }

    /**
     * {@code Basic base64(user:password)} for a registry's own Basic or token endpoint, or null without
     * a username. Only for an {@code Authorization} header: never to print.
     */
    public String basicAuthorization() {
        if (username == null || username.isEmpty()) {
            return null;
        }
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The OAuth2 refresh token docker login stored instead of a password, or "". Never to print. */
    public String identityToken() {
        return identityToken == null ? "" : identityToken;
    }

    /** The header value. */
    public String header() {
        ObjectNode o = Json.object();
        if (identityToken != null && !identityToken.isEmpty()) {
            o.put("identitytoken", identityToken);
        } else {
            o.put("username", username == null ? "" : username);
            o.put("password", password == null ? "" : password);
        }
        o.put("serveraddress", serverAddress);
        return Base64.getUrlEncoder().encodeToString(o.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RegistryAuth[" + serverAddress + ", user=" + (username == null ? "" : username) + ", secret=****]";
    }
}
