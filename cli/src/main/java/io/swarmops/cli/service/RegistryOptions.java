package io.swarmops.cli.service;

import io.swarmops.compose.RegistryCredentials;
import io.swarmops.ops.RegistryAuth;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --with-registry-auth}: send the credentials for the image's registry from docker's config
 * ({@code $DOCKER_CONFIG} or {@code ~/.docker/config.json}: auths, credsStore, credHelpers).
 */
public final class RegistryOptions {
    @Option(names = "--with-registry-auth", description = "Send registry authentication details to swarm agents")
    boolean withRegistryAuth;

    /** The credentials to send, or null (the daemon keeps what the service already has). */
    RegistryAuth auth(String image) {
        return auth(image, System.getenv());
    }

    RegistryAuth auth(String image, Map<String, String> environment) {
        return withRegistryAuth ? RegistryCredentials.fromEnvironment(environment).forImage(image) : null;
    }
}
