package io.swarmops.cli.cluster;

import picocli.CommandLine.Command;

/** {@code swarmops cluster}: the whole swarm at a glance. */
@Command(name = "cluster", description = "The swarm as a whole", mixinStandardHelpOptions = true,
        subcommands = {ClusterStatus.class})
public final class ClusterCommand {
}
