package io.swarmops.cli.sandbox;

import io.swarmops.cli.SwarmopsVerb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sandbox env}: {@code eval "$(swarmops sandbox env)"} points docker and swarmops at the sandbox. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Print 'export DOCKER_HOST=...' for a manager of the sandbox (use with eval)")
public final class SandboxEnv extends SwarmopsVerb {
    @Mixin
    PrefixOption prefix;

    @Override
    protected int execute() {
        out().println("export DOCKER_HOST=" + prefix.existing().managerHost());
        return 0;
    }
}
