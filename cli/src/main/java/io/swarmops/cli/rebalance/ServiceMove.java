package io.swarmops.cli.rebalance;

import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.rebalance.Move;
import io.swarmops.rebalance.RebalanceLock;
import io.swarmops.rebalance.Rebalancer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service move SERVICE --from NODE --to NODE}: what Swarm cannot do — put one task of a
 * service on a given node — by the rebalance's move: the target's competitors paused while the
 * service scales up by one, availability restored, then the scale-down. Takes the rebalance lock.
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

    @Override
    protected int execute() {
        Service s = gateway().service(service);
        Node source = gateway().node(from);
        Node target = gateway().node(to);
        long onSource = running(s, source);
        long onTarget = running(s, target);
        if (onSource == 0) {
            throw SwarmOpsException.invalid("service " + service + " has no running task on " + from);
        }
        if (!target.isReady() || !target.isActive()) {
            throw SwarmOpsException.invalid(to + " cannot take tasks: it is " + target.state() + "/" + target.availability());
        }
        var progress = context().progress();
        Rebalancer rebalancer = new Rebalancer(gateway(), timeout, progress::step);
        try (RebalanceLock lock = RebalanceLock.acquire(gateway(), "service move", Duration.ofMinutes(15), rebalancer::undo)) {
            // a lone task on the source is evicted; otherwise scale up and down, as the rebalance does
            Move.Method method = onSource == 1 ? Move.Method.EVICT : Move.Method.SCALE;
            rebalancer.move(new Move(s.id(), s.name(), source.id(), source.hostname(), target.id(), target.hostname(), method, 0), lock);
        }
        long sourceAfter = running(s, source);
        long targetAfter = running(s, target);
        if (targetAfter <= onTarget || sourceAfter >= onSource) {
            // Swarm removes the surplus task from a node with the most tasks of the service, ties at random
            context().say("Swarm placed and removed tasks otherwise: " + source.hostname() + " " + onSource + " → " + sourceAfter
                    + ", " + target.hostname() + " " + onTarget + " → " + targetAfter);
            return 1;
        }
        out().println(service + ": one task moved from " + source.hostname() + " to " + target.hostname());
        return 0;
    }

    private long running(Service s, Node node) {
        return gateway().tasks(Map.of("service", List.of(s.id()), "node", List.of(node.id()), "desired-state", List.of("running")))
                .stream().filter(Task::isRunning).count();
    }
}
