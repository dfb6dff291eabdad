package io.swarmops.cli.quorum;

import io.swarmops.cli.CommandContext;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.recovery.quorum.ManagerAddresses;
import io.swarmops.recovery.quorum.ManagerView;
import io.swarmops.recovery.quorum.QuorumProbe;
import io.swarmops.recovery.quorum.RaftMember;
import io.swarmops.recovery.quorum.RecoveryRecord;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --manager-hosts}: where the other managers' Docker APIs listen. Raft knows them only by
 * their swarm address (host:2377), so swarmops is told: a -H address, RAFTHOST=ADDR, or a template
 * with {host} applied to every manager the local daemon knows (see {@link ManagerAddresses}).
 */
public final class ManagerHosts {
    @Option(names = "--manager-hosts", split = ",", paramLabel = "ADDR",
            description = "The other managers' Docker addresses, to ask whether they see a leader: -H addresses, "
                    + "RAFTHOST=ADDR pairs, or a template such as tcp://{host}:2376 applied to every known manager")
    List<String> entries = List.of();

    /** What the local daemon, then each other manager, said; resolved once per command. */
    record Answers(ManagerView local, List<ManagerAddresses.Peer> peers, List<ManagerView> others, List<RaftMember> notAsked) {
    }

    Answers ask(CommandContext context) {
        String host = context.connectionOptions().host() == null ? "local daemon" : context.connectionOptions().host();
        ManagerView local;
        try {
            local = QuorumProbe.ask(host, context.gateway());
        } catch (SwarmOpsException e) {
            local = new ManagerView(host, null, null, e);
        }
        String selfId = local.info() == null ? "" : local.info().nodeId();
        List<ManagerAddresses.Peer> peers = ManagerAddresses.resolve(entries, local.knownManagers(), selfId);
        List<ManagerView> others = QuorumProbe.askAll(dockerHosts(peers), context::gatewayTo);
        return new Answers(local, peers, others, ManagerAddresses.notAsked(local.knownManagers(), selfId, peers, others));
    }

    static List<String> dockerHosts(List<ManagerAddresses.Peer> peers) {
        return peers.stream().map(ManagerAddresses.Peer::dockerHost).toList();
    }

    /** What an earlier recovery recorded, when a leader answers the local daemon. */
    static Optional<RecoveryRecord> recorded(CommandContext context, ManagerView local) {
        if (!local.seesLeader()) {
            return Optional.empty();
        }
        try {
            SwarmInfo swarm = context.gateway().swarm();
            return RecoveryRecord.of(swarm);
        } catch (SwarmOpsException e) {
            return Optional.empty();
        }
    }
}
