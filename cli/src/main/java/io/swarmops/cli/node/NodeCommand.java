package io.swarmops.cli.node;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops node}: docker's node commands. */
@Subcommands({NodeLs.class, NodeInspect.class, NodePs.class, NodePromote.class, NodeDemote.class,
            NodeUpdate.class, NodeRm.class, NodeCheck.class, NodeDoctor.class,
            NodeDrain.class, NodeMaintenance.class})
@Command(name = "node", description = "Manage swarm nodes", mixinStandardHelpOptions = true)
public final class NodeCommand {
}
