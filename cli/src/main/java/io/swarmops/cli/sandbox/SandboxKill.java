package io.swarmops.cli.sandbox;

import io.swarmops.cli.SwarmopsVerb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sandbox kill NODE}: a power cut, for drills. */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = "Cut a node's power: SIGKILL to its dockerd, containerd, shims and containers")
public final class SandboxKill extends SwarmopsVerb {
    @Mixin
    PrefixOption prefix;

    @Parameters(paramLabel = "NODE", arity = "1..*", description = "node1, node2, ...")
    java.util.List<String> nodes;

    @Override
    protected int execute() {
        var sandbox = prefix.existing();
        for (String n : nodes) {
            sandbox.kill(n);
            out().println(n);
        }
        return 0;
    }
}
