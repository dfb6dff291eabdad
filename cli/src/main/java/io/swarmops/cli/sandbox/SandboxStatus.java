package io.swarmops.cli.sandbox;

import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sandbox status}: each node's address, daemon and place in the swarm. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a sandbox's nodes")
public final class SandboxStatus extends SwarmopsVerb {
    @Mixin
    PrefixOption prefix;

    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        SandboxFormatter.print(out(), output, prefix.existing().status());
        return 0;
    }
}
