package io.swarmops.cli.node;

import io.swarmops.cli.MultiTarget;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code node promote}: make workers managers. */
@Command(name = "promote", description = "Promote one or more nodes to manager in the swarm", mixinStandardHelpOptions = true)
public final class NodePromote extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "NODE")
    List<String> nodes;

    @Override
    protected int execute() {
        return MultiTarget.each(context(), nodes, ref -> {
            if (SpecUpdates.updateNode(gateway(), ref, SpecUpdates.role("manager"), context()::say)) {
                out().println("Node " + ref + " promoted to a manager in the swarm.");
            } else {
                out().println("Node " + ref + " is already a manager.");
            }
        });
    }
}
