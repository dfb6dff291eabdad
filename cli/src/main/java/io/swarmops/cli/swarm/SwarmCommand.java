package io.swarmops.cli.swarm;

import picocli.CommandLine.Command;

/** {@code swarmops swarm}: docker's swarm membership commands. */
@Command(name = "swarm", description = "Manage swarm membership", mixinStandardHelpOptions = true,
        subcommands = {SwarmInit.class, SwarmJoin.class, SwarmJoinToken.class, SwarmLeave.class})
public final class SwarmCommand {
}
