package io.swarmops.ops;

import java.time.Duration;

/**
 * How the user asked to reach the Docker daemon: the docker CLI's own flags. Anything left null is
 * taken from the environment ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}, {@code DOCKER_TLS_VERIFY},
 * {@code DOCKER_CERT_PATH}) and the docker contexts, as docker does; see {@link EndpointResolver}.
 *
 * @param host           {@code -H/--host}: unix:///path, tcp://host:port, or null
 * @param context        {@code --context}: a docker context name, or null
 * @param tls            {@code --tls}: use TLS without verifying the daemon
 * @param tlsVerify      {@code --tlsverify}: null when not given on the command line
 * @param tlsCaCert      {@code --tlscacert}
 * @param tlsCert        {@code --tlscert}
 * @param tlsKey         {@code --tlskey}
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer (0 = forever: logs -f, events)
 */
public record ConnectionOptions(
        String host,
        String context,
        boolean tls,
        Boolean tlsVerify,
        String tlsCaCert,
        String tlsCert,
        String tlsKey,
        Duration connectTimeout,
        Duration readTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public ConnectionOptions {
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    }

    /** Options naming one host and nothing else, as tests and the sandbox use them. */
    public static ConnectionOptions forHost(String host) {
        return new ConnectionOptions(host, null, false, null, null, null, null, null, null);
    }

    /** Only what the environment and docker contexts say. */
    public static ConnectionOptions fromEnvironment() {
        return forHost(null);
    }

    public ConnectionOptions withReadTimeout(Duration timeout) {
        return new ConnectionOptions(host, context, tls, tlsVerify, tlsCaCert, tlsCert, tlsKey, connectTimeout, timeout);
    }
}
