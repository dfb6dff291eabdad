package io.swarmops.cli.sandbox;

import io.swarmops.cli.Subcommands;
import picocli.CommandLine.Command;

/** {@code swarmops sandbox}: a real multi-node swarm on this machine, to try swarmops on and to drill outages. */
@Subcommands({SandboxUp.class, SandboxDown.class, SandboxStatus.class, SandboxKill.class, SandboxBoot.class,
            SandboxEnv.class})
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "A local test swarm: one dockerd per node in its own network namespace (root only)")
public final class SandboxCommand {
}
