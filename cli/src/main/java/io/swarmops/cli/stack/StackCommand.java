package io.swarmops.cli.stack;

import picocli.CommandLine.Command;

/** {@code stack}: compose v3 stacks, deployed as {@code docker stack deploy} deploys them. */
@Command(name = "stack", description = "Manage Swarm stacks", mixinStandardHelpOptions = true,
        subcommands = {StackDeploy.class, StackLs.class, StackServices.class, StackPs.class, StackRm.class, StackConfig.class,
            StackDiff.class, StackWait.class})
public final class StackCommand {
}
