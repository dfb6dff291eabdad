package io.swarmops.cli;

import io.swarmops.cli.cluster.ClusterCommand;
import io.swarmops.cli.node.NodeCommand;
import io.swarmops.cli.sandbox.SandboxCommand;
import io.swarmops.cli.service.ServiceCommand;
import io.swarmops.cli.swarm.SwarmCommand;
import io.swarmops.ops.ConnectionOptions;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root of the command tree: docker's global connection options, then the nouns. */
@Subcommands({
            NodeCommand.class,
            ServiceCommand.class,
            SwarmCommand.class,
            ClusterCommand.class,
            io.swarmops.cli.rebalance.RebalanceCommand.class,
            io.swarmops.cli.quorum.QuorumCommand.class,
            io.swarmops.cli.health.Health.class,
            io.swarmops.cli.emergency.EmergencyCommand.class,
            io.swarmops.cli.backup.Backup.class,
            io.swarmops.cli.backup.Restore.class,
            io.swarmops.cli.stack.StackCommand.class,
            io.swarmops.cli.image.ImageCommand.class,
            Shell.class,
            SandboxCommand.class,
            Complete.class,
        })
@Command(name = "swarmops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Docker Swarm operations: docker-compatible node/service/stack commands, plus rebalance, "
                + "emergency shutdown and reboot, quorum recovery and backup.")
public final class SwarmopsCommand {
    @Option(names = {"-H", "--host"}, scope = ScopeType.INHERIT, paramLabel = "ADDR",
            description = "Daemon socket to connect to (unix:///path, tcp://host:port or ssh://[user@]host[:port]); default: DOCKER_HOST, "
                    + "then the current docker context, then unix:///var/run/docker.sock")
    String host;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Docker context to use (overrides DOCKER_HOST and DOCKER_CONTEXT)")
    String context;

    /** docker's short -c for --context: before the command only, as in docker, where {@code stack deploy -c} is the compose file. */
    @Option(names = "-c", paramLabel = "NAME", description = "Same as --context (before the command only)")
    String contextShort;

    @Option(names = "--tls", scope = ScopeType.INHERIT, description = "Use TLS; implied by --tlsverify")
    boolean tls;

    @Option(names = "--tlsverify", scope = ScopeType.INHERIT, arity = "0..1", fallbackValue = "true",
            description = "Use TLS and verify the remote (default: DOCKER_TLS_VERIFY)")
    Boolean tlsVerify;

    @Option(names = "--tlscacert", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Trust certs signed only by this CA (default: DOCKER_CERT_PATH/ca.pem)")
    String tlsCaCert;

    @Option(names = "--tlscert", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "TLS certificate file (default: DOCKER_CERT_PATH/cert.pem)")
    String tlsCert;

    @Option(names = "--tlskey", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "TLS key file (default: DOCKER_CERT_PATH/key.pem)")
    String tlsKey;

    @Option(names = "--connect-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "5s",
            converter = DurationConverter.class, description = "How long to wait for the daemon to accept (default: ${DEFAULT-VALUE})")
    Duration connectTimeout;

    @Option(names = "--read-timeout", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "60s",
            converter = DurationConverter.class, description = "How long to wait for an answer (default: ${DEFAULT-VALUE})")
    Duration readTimeout;

    @Option(names = {"-D", "--debug"}, scope = ScopeType.INHERIT, description = "Print stack traces with errors")
    boolean debug;

    ConnectionOptions connectionOptions() {
        return new ConnectionOptions(host, context != null ? context : contextShort, tls, tlsVerify, tlsCaCert, tlsCert, tlsKey, connectTimeout, readTimeout);
    }
}
