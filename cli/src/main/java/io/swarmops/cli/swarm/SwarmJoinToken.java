package io.swarmops.cli.swarm;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.SwarmInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm join-token (worker|manager)}: the command to add a node, or just the token with -q. */
@Command(name = "join-token", description = "Manage join tokens", mixinStandardHelpOptions = true)
public final class SwarmJoinToken extends SwarmopsVerb {
    @Parameters(paramLabel = "(worker|manager)")
    String role;

    @Option(names = {"-q", "--quiet"}, description = "Only display token")
    boolean quiet;

    @Option(names = "--rotate", description = "Rotate join token")
    boolean rotate;

    @Override
    protected int execute() {
        boolean manager = switch (role) {
            case "manager" -> true;
            case "worker" -> false;
            default -> throw SwarmOpsException.invalid("unknown role " + role + " (use worker or manager)");
        };
        SwarmInfo swarm = gateway().swarm();
        if (rotate) {
            SpecUpdates.updateSwarm(gateway(), spec -> spec, !manager, manager, context()::say);
            swarm = gateway().swarm();
            if (!quiet) {
                out().println("Successfully rotated " + role + " join token.");
                out().println();
            }
        }
        String token = swarm.token(manager);
        if (quiet) {
            out().println(token);
            return 0;
        }
        String addr = gateway().node("self").manager().addr();
        out().println("To add a " + role + " to this swarm, run the following command:");
        out().println();
        out().println("    docker swarm join --token " + token + " " + addr);
        out().println();
        return 0;
    }
}
