package io.swarmops.cli.stack;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code stack}: compose v3 stacks, deployed as {@code docker stack deploy} deploys them. */
@Subcommands({StackDeploy.class, StackLs.class, StackServices.class, StackPs.class, StackRm.class, StackConfig.class,
            StackDiff.class, StackWait.class})
@Command(name = "stack", description = "Manage Swarm stacks", mixinStandardHelpOptions = true)
public final class StackCommand {
}
