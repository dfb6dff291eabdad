package io.swarmops.cli.quorum;

import io.swarmops.cli.CommandContext;
import io.swarmops.recovery.quorum.ManagerView;
import io.swarmops.recovery.quorum.QuorumProbe;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --manager-hosts}: the docker addresses of the other managers. Raft knows them only by their
 * swarm address (host:2377), not by where their docker API listens, so swarmops is told.
 */
public final class ManagerHosts {
    @Option(names = "--manager-hosts", split = ",", paramLabel = "ADDR",
            description = "Docker addresses (-H form) of the other managers, to ask whether they still see a leader")
    List<String> hosts = List.of();

    ManagerView local(CommandContext context) {
        return QuorumProbe.ask(context.connectionOptions().host() == null ? "local" : context.connectionOptions().host(), context.gateway());
    }

    List<ManagerView> others(CommandContext context) {
        return QuorumProbe.askAll(hosts, context::gatewayTo);
    }
}
