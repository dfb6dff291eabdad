package io.swarmops.cli.sandbox;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.sandbox.Sandbox;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sandbox env}: {@code eval "$(swarmops sandbox env)"} points docker and swarmops at the sandbox. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Print 'export DOCKER_HOST=...' for a manager of the sandbox and 'export SWARMOPS_CONFIG=...' "
                + "for its node inventory (use with eval)")
public final class SandboxEnv extends SwarmopsVerb {
    @Mixin
    PrefixOption prefix;

    @Override
    protected int execute() {
        Sandbox sandbox = prefix.existing();
        out().println("export DOCKER_HOST=" + sandbox.managerHost());
        out().println("export SWARMOPS_CONFIG=" + sandbox.layout().inventory());
        return 0;
    }
}
