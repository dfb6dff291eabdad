package io.swarmops.cli.node;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.DurationConverter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.rebalance.SimulatedSwarm;
import io.swarmops.recovery.maintenance.DrainPlan;
import io.swarmops.recovery.maintenance.DrainPlanner;
import io.swarmops.recovery.maintenance.KeepCapacityDrain;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code node drain}: docker's drain ({@code node update --availability drain}) of each node; with
 * {@code --keep-capacity}, every replicated service with tasks there gets its replacements running
 * elsewhere before they stop (see {@link KeepCapacityDrain}).
 */
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = "Drain nodes; --keep-capacity starts each replicated task's replacement elsewhere before it stops")
public final class NodeDrain extends SwarmopsVerb {
    @Parameters(paramLabel = "NODE", arity = "1..*", description = "Hostname or ID")
    List<String> nodes;

    @Option(names = "--keep-capacity", description = "Replace the nodes' replicated tasks elsewhere first, start-first; refuse services that cannot keep capacity")
    boolean keepCapacity;

    @Mixin
    AllowShortOption allowShort;

    @Option(names = "--timeout", defaultValue = "2m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long each service's replacement, and the drain, may take (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Mixin
    ConfirmOptions confirm;

    @Override
    protected int execute() {
        if (!keepCapacity) {
            if (!allowShort.services().isEmpty()) {
                throw SwarmOpsException.invalid("--allow-short needs --keep-capacity");
            }
            for (String n : nodes) {
                if (!confirm.dryRun) {
                    SpecUpdates.updateNode(gateway(), n, SpecUpdates.availability("drain"), context()::say);
                }
                out().println(confirm.dryRun ? "would drain " + n : n);
            }
            return ExitCodes.OK;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String n : nodes) {
            ids.add(gateway().node(n).id());
        }
        ClusterSnapshot snapshot = gateway().snapshot();
        DrainPlan plan = DrainPlanner.plan(snapshot, ids); // the plan printed is the one the dry run starts from
        out().println("drain " + String.join(", ", plan.nodes().stream().map(Node::hostname).toList()) + " keeping capacity:");
        plan.lines().forEach(out()::println);
        out().flush();
        Set<String> allowed = allowShort.services();
        KeepCapacityDrain.refuseShort(plan, allowed);
        if (confirm.dryRun) {
            SimulatedSwarm simulation = SimulatedSwarm.of(snapshot, snapshot.takenAt().toEpochMilli());
            new KeepCapacityDrain(simulation, Duration.ZERO, line -> { }).drain(ids, allowed);
            out().println("dry run: the writes, simulated on a copy of the cluster:");
            simulation.writes().forEach(w -> out().println("  " + w));
            out().println("nothing was changed");
            return ExitCodes.OK;
        }
        if (!Confirmation.confirm(context(), confirm, "Drain " + String.join(", ", nodes) + "?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        new KeepCapacityDrain(gateway(), timeout, context().progress()::step).drain(ids, allowed);
        plan.nodes().forEach(n -> out().println(n.hostname()));
        return ExitCodes.OK;
    }

}
