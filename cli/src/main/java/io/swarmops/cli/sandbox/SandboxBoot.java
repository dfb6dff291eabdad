package io.swarmops.cli.sandbox;

import io.swarmops.cli.SwarmopsVerb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sandbox boot NODE}: power a node on again; returns once its daemon answers. */
@Command(name = "boot", mixinStandardHelpOptions = true,
        description = "Power a node on: it starts clean, as after a real boot, with its data kept")
public final class SandboxBoot extends SwarmopsVerb {
    @Mixin
    PrefixOption prefix;

    @Parameters(paramLabel = "NODE", arity = "1..*", description = "node1, node2, ...")
    java.util.List<String> nodes;

    @Override
    protected int execute() {
        var sandbox = prefix.existing();
        for (String n : nodes) {
            sandbox.boot(n);
            out().println(n);
        }
        return 0;
    }
}
