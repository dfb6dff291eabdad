package io.swarmops.cli.rebalance;

import io.swarmops.cli.DryRunOption;
import io.swarmops.cli.DryRunPrinter;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.rebalance.Move;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.rebalance.RebalancePlanner;
import io.swarmops.rebalance.Rebalancer;
import io.swarmops.rebalance.SimulatedSwarm;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service move SERVICE --from NODE --to NODE}: what Swarm cannot do — put one task of a
 * service on a given node — by the rebalance's moves: the target's competitors paused while the
 * service scales up by one, availability restored, then the scale-down; or, for the source's only
 * task, a placement change that replaces just that one. Refuses, before any change, what Swarm
 * would not do predictably. Takes the rebalance lock.
 */
@Command(name = "move", mixinStandardHelpOptions = true, description = "Move one task of a service from one node to another")
public final class ServiceMove extends SwarmopsVerb {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = "--from", required = true, paramLabel = "NODE")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NODE")
    String to;

    @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long one step may take (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    DryRunOption dryRunOption;

    @Override
    protected int execute() {
        boolean dryRun = dryRunOption.dryRun;
        ClusterSnapshot snapshot = gateway().snapshot();
        Service s = gateway().service(service);
        Node source = gateway().node(from);
        Node target = gateway().node(to);
        Move move = RebalancePlanner.moveOne(snapshot, s, source, target);
        SimulatedSwarm simulation = dryRun ? SimulatedSwarm.of(snapshot, snapshot.takenAt().toEpochMilli()) : null;
        SwarmGateway g = dryRun ? simulation : gateway();
        long onSource = running(g, s, source);
        long onTarget = running(g, s, target);
        var progress = context().progress();
        Rebalancer rebalancer = new Rebalancer(g, dryRun ? Duration.ZERO : timeout, dryRun ? line -> { } : progress::step);
        try (RebalanceLock lock = RebalanceLock.acquire(g, "service move", Duration.ofMinutes(15), rebalancer::undo)) {
            rebalancer.move(move, lock);
        }
        if (dryRun) {
            DryRunPrinter.print(out(), "the steps, simulated on a copy of the cluster (" + move.method().name().toLowerCase(java.util.Locale.ROOT)
                    + " move)", simulation, DryRunPrinter.configs(), "");
            return 0;
        }
        long sourceAfter = running(g, s, source);
        long targetAfter = running(g, s, target);
        if (targetAfter <= onTarget || sourceAfter >= onSource) {
            context().say("Swarm placed and removed tasks otherwise: " + source.hostname() + " " + onSource + " → " + sourceAfter
                    + ", " + target.hostname() + " " + onTarget + " → " + targetAfter);
            return 1;
        }
        out().println(service + ": one task moved from " + source.hostname() + " to " + target.hostname());
        return 0;
    }

    private static long running(SwarmGateway g, Service s, Node node) {
        return g.tasks(Map.of("service", List.of(s.id()), "node", List.of(node.id()), "desired-state", List.of("running")))
                .stream().filter(Task::isRunning).count();
    }
}
