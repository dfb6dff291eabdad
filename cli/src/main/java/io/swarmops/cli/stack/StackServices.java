package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.QuietOption;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.service.ServiceFormatter;
import io.swarmops.compose.StackSpecs;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stack services}: the stack's services as {@code service ls} prints them (as docker does). */
@Command(name = "services", description = "List the services in the stack", mixinStandardHelpOptions = true)
public final class StackServices extends SwarmopsVerb {
    @Mixin
    OutputOptions output;

    @Mixin
    QuietOption quiet;

    @Parameters(index = "0", paramLabel = "STACK")
    String stack;

    @Override
    protected int execute() {
        Map<String, List<String>> inStack = Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack));
        List<Service> services = gateway().services(inStack);
        if (services.isEmpty()) {
            throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, "Nothing found in stack: " + stack);
        }
        if (quiet.quiet) {
            ServiceFormatter.printIds(out(), services);
        } else {
            Map<String, List<String>> counted = new LinkedHashMap<>(ServiceFormatter.COUNTED_TASKS);
            counted.putAll(inStack);
            ServiceFormatter.print(out(), output, services, gateway().tasks(counted));
        }
        return ExitCodes.OK;
    }
}
