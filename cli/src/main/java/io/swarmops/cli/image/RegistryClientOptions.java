package io.swarmops.cli.image;

import io.swarmops.cli.DurationConverter;
import io.swarmops.compose.RegistryCredentials;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.registry.InsecureRegistries;
import io.swarmops.ops.registry.RegistryClient;
import io.swarmops.ops.registry.RegistryTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** How to ask registries: docker's credentials, the Engine's certs.d, the daemon's insecure registries. */
public final class RegistryClientOptions {
    @Option(names = "--docker-config", paramLabel = "DIR",
            description = "Docker client config directory with the registry credentials (default: DOCKER_CONFIG, then ~/.docker)")
    Path dockerConfig;

    @Option(names = "--certs-dir", paramLabel = "DIR", defaultValue = "/etc/docker/certs.d",
            description = "Registry CAs and client certificates, as the Engine reads them: DIR/<registry>/ca.crt, client.cert, client.key"
                    + " (default: ${DEFAULT-VALUE})")
    Path certsDir = RegistryTls.CERTS_D;

    @Option(names = "--registry-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to wait for a registry to connect and to answer (default: ${DEFAULT-VALUE})")
    Duration timeout;

    RegistryCredentials credentials() {
        return dockerConfig != null ? new RegistryCredentials(dockerConfig.resolve("config.json"), System.getenv("PATH"))
                : RegistryCredentials.fromEnvironment(Map.copyOf(System.getenv()));
    }

    /** A client that allows plain HTTP where this daemon does. */
    RegistryClient client(SwarmGateway gateway) {
        return new RegistryClient(certsDir, InsecureRegistries.fromInfo(gateway.info().raw()), timeout);
    }
}
