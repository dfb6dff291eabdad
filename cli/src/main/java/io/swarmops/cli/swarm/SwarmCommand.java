package io.swarmops.cli.swarm;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops swarm}: docker's swarm membership commands. */
@Subcommands({SwarmInit.class, SwarmJoin.class, SwarmJoinToken.class, SwarmLeave.class})
@Command(name = "swarm", description = "Manage swarm membership", mixinStandardHelpOptions = true)
public final class SwarmCommand {
}
