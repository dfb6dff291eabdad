package io.swarmops.cli.node;

import picocli.CommandLine.Command;

/** {@code swarmops node}: docker's node commands. */
@Command(name = "node", description = "Manage swarm nodes", mixinStandardHelpOptions = true,
        subcommands = {NodeLs.class, NodeInspect.class, NodePs.class, NodePromote.class, NodeDemote.class,
            NodeUpdate.class, NodeRm.class,
            NodeCheck.class, NodeDoctor.class})
public final class NodeCommand {
}
