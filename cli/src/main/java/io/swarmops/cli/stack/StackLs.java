package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.Table;
import io.swarmops.ops.model.Service;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stack ls}: stacks (services carrying the namespace label) with their service count. */
@Command(name = "ls", aliases = "list", description = "List stacks", mixinStandardHelpOptions = true)
public final class StackLs extends SwarmopsVerb {
    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        Map<String, Integer> stacks = new TreeMap<>();
        for (Service s : gateway().services(Map.of("label", java.util.List.of(Service.STACK_NAMESPACE_LABEL)))) {
            stacks.merge(s.stack(), 1, Integer::sum);
        }
        Table t = Table.of("NAME", "SERVICES");
        stacks.forEach((n, c) -> t.row(n, c));
        if (output.json()) {
            t.printJson(out());
        } else {
            t.print(out(), output.template());
        }
        return ExitCodes.OK;
    }
}
