package io.swarmops.cli.sandbox;

import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Table;
import io.swarmops.cli.format.Times;
import io.swarmops.sandbox.Sandbox;
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
        Sandbox sandbox = prefix.existing();
        var nodes = sandbox.status();
        if (output.json()) {
            JsonOutput.print(out(), nodes);
            return 0;
        }
        Table t = Table.of("NODE", "ADDRESS", "DAEMON", "ROLE", "STATUS", "MANAGER STATUS", "HOST");
        nodes.forEach(n -> t.row(n.name(), n.address(), n.running() ? "running" : "off", n.role(), Times.capitalize(n.state()),
                n.managerStatus(), n.host()));
        t.print(out(), output.template());
        return 0;
    }
}
