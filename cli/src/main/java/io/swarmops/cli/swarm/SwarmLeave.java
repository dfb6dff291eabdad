package io.swarmops.cli.swarm;

import io.swarmops.cli.SwarmopsVerb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarm leave}: the daemon refuses a manager leaving without --force (it could cost the quorum). */
@Command(name = "leave", description = "Leave the swarm", mixinStandardHelpOptions = true)
public final class SwarmLeave extends SwarmopsVerb {
    @Option(names = {"-f", "--force"}, description = "Force this node to leave the swarm, ignoring warnings")
    boolean force;

    @Override
    protected int execute() {
        gateway().swarmLeave(force);
        out().println("Node left the swarm.");
        return 0;
    }
}
