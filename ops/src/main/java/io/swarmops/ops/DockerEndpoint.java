package io.swarmops.ops;

import java.net.URI;
import java.nio.file.Path;

/**
 * A resolved daemon address with its TLS material.
 *
 * @param host      unix://, tcp:// or ssh:// URI
 * @param tls       whether to speak TLS
 * @param verify    whether to verify the daemon's certificate against {@code caCert}
 * @param caCert    CA certificate (PEM), or null
 * @param cert      client certificate (PEM), or null
 * @param key       client key (PEM), or null
 * @param source    where the address came from ("-H", "DOCKER_HOST", "context prod", "default"),
 *                  named in connection errors so the user sees what was tried
 */
public record DockerEndpoint(URI host, boolean tls, boolean verify, Path caCert, Path cert, Path key, String source) {

    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    public static DockerEndpoint plain(String host, String source) {
        return new DockerEndpoint(URI.create(host), false, false, null, null, null, source);
    }

    /** The address as a user would type it after {@code -H}. */
    public String describe() {
        return host + " (" + source + ")";
    }
}
