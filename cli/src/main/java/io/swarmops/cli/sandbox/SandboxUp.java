package io.swarmops.cli.sandbox;

import io.swarmops.cli.Progress;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.sandbox.Sandbox;
import io.swarmops.sandbox.SandboxSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sandbox up}: start the swarm; prints the -H address of a manager on stdout. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a sandbox swarm and print the -H address of a manager")
public final class SandboxUp extends SwarmopsVerb {
    @Mixin
    PrefixOption prefix;

    @Option(names = {"-n", "--nodes"}, defaultValue = "3", description = "Nodes (1-15; default: ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = {"-m", "--managers"}, defaultValue = "1", description = "Managers among them (default: ${DEFAULT-VALUE})")
    int managers;

    @Override
    protected int execute() {
        Progress progress = context().progress();
        Sandbox sandbox = Sandbox.up(new SandboxSpec(prefix.prefix, nodes, managers), progress::step);
        out().println(sandbox.host("node1"));
        return 0;
    }
}
