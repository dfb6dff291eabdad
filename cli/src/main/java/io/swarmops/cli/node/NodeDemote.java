package io.swarmops.cli.node;

import io.swarmops.cli.MultiTarget;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code node demote}: make managers workers. The daemon refuses to demote the last manager. */
@Command(name = "demote", description = "Demote one or more nodes from manager in the swarm", mixinStandardHelpOptions = true)
public final class NodeDemote extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "NODE")
    List<String> nodes;

    @Override
    protected int execute() {
        return MultiTarget.each(context(), nodes, ref -> {
            if (SpecUpdates.updateNode(gateway(), ref, SpecUpdates.role("worker"), context()::say)) {
                out().println("Manager " + ref + " demoted in the swarm.");
            } else {
                out().println("Node " + ref + " is already a worker.");
            }
        });
    }
}
