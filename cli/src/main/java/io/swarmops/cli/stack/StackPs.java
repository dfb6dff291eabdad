package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.Filters;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.TaskListOptions;
import io.swarmops.cli.format.TaskFormatter;
import io.swarmops.compose.StackSpecs;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stack ps}: the tasks of the stack, with docker's task table. */
@Command(name = "ps", description = "List the tasks in the stack", mixinStandardHelpOptions = true)
public final class StackPs extends SwarmopsVerb {
    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided")
    List<String> filters;

    @Mixin
    TaskListOptions list;

    @Parameters(index = "0", paramLabel = "STACK")
    String stack;

    @Override
    protected int execute() {
        Map<String, List<String>> f = new LinkedHashMap<>(Filters.parse(filters));
        f.put("label", new ArrayList<>(List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack)));
        List<Task> tasks = gateway().tasks(f);
        if (tasks.isEmpty()) {
            throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, "nothing found in stack: " + stack);
        }
        Map<String, Service> services = gateway().services(Map.of()).stream().collect(Collectors.toMap(Service::id, Function.identity()));
        if (list.quiet.quiet) {
            TaskFormatter.printIds(out(), tasks, services, list.noTrunc);
        } else {
            Map<String, Node> nodes = gateway().nodes().stream().collect(Collectors.toMap(Node::id, Function.identity()));
            TaskFormatter.print(out(), list.output, tasks, services, nodes, list.noTrunc, Instant.now());
        }
        return ExitCodes.OK;
    }
}
