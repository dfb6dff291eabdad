package io.swarmops.cli.node;

import io.swarmops.cli.MultiTarget;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Node;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code node rm}: remove nodes from the swarm; the daemon refuses a node that is not down unless --force. */
@Command(name = "rm", aliases = "remove", description = "Remove one or more nodes from the swarm", mixinStandardHelpOptions = true)
public final class NodeRm extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "NODE")
    List<String> nodes;

    @Option(names = {"-f", "--force"}, description = "Force remove a node from the swarm")
    boolean force;

    @Override
    protected int execute() {
        return MultiTarget.each(context(), nodes, ref -> {
            Node n = gateway().node(ref);
            gateway().removeNode(n.id(), force);
            out().println(ref);
        });
    }
}
