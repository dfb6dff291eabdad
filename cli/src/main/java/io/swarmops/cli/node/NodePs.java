package io.swarmops.cli.node;

import io.swarmops.cli.Filters;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.TaskListOptions;
import io.swarmops.cli.format.TaskFormatter;
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

/** {@code node ps}: tasks running on one or more nodes (default: this node). */
@Command(name = "ps", description = "List tasks running on one or more nodes, defaults to current node", mixinStandardHelpOptions = true)
public final class NodePs extends SwarmopsVerb {
    @Parameters(arity = "0..*", paramLabel = "NODE")
    List<String> nodes = new ArrayList<>();

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided (desired-state, name, label, service)")
    List<String> filters;

    @Mixin
    TaskListOptions list;

    @Override
    protected int execute() {
        List<String> refs = nodes.isEmpty() ? List.of("self") : nodes;
        Map<String, Node> byId = new LinkedHashMap<>();
        for (String ref : refs) {
            Node n = gateway().node(ref);
            byId.put(n.id(), n);
        }
        Map<String, List<String>> f = new LinkedHashMap<>(Filters.parse(filters));
        f.put("node", new ArrayList<>(byId.keySet()));
        List<Task> tasks = gateway().tasks(f);
        Map<String, Service> services = gateway().services(Map.of()).stream()
                .collect(Collectors.toMap(Service::id, Function.identity()));
        if (list.quiet.quiet) {
            TaskFormatter.printIds(out(), tasks, services, list.noTrunc);
        } else {
            TaskFormatter.print(out(), list.output, tasks, services, byId, list.noTrunc, Instant.now());
        }
        return 0;
    }
}
