package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Service;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stack ls}: stacks (services carrying the namespace label) with their service count. */
@Command(name = "ls", aliases = "list", description = "List stacks", mixinStandardHelpOptions = true)
public final class StackLs extends SwarmopsVerb {
    @Mixin
    OutputOptions output;

    @Override
    protected int execute() {
        StackFormatter.print(out(), output, gateway().services(Map.of("label", List.of(Service.STACK_NAMESPACE_LABEL))));
        return ExitCodes.OK;
    }
}
