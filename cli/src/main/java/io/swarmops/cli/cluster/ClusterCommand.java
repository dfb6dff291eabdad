package io.swarmops.cli.cluster;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops cluster}: the whole swarm at a glance. */
@Subcommands({ClusterStatus.class})
@Command(name = "cluster", description = "The swarm as a whole", mixinStandardHelpOptions = true)
public final class ClusterCommand {
}
