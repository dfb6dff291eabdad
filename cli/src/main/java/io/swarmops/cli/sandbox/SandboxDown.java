package io.swarmops.cli.sandbox;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.sandbox.Sandbox;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sandbox down}: remove the sandbox and everything it made. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Remove a sandbox: processes, mounts, namespaces, bridge, firewall rules, state")
public final class SandboxDown extends SwarmopsVerb {
    @Mixin
    PrefixOption prefix;

    @Option(names = "--all", description = "Remove every sandbox on this machine")
    boolean all;

    @Override
    protected int execute() {
        List<Sandbox> targets = all ? Sandbox.all() : List.of(prefix.existing());
        targets.forEach(s -> s.down(context().progress()::step));
        return 0;
    }
}
