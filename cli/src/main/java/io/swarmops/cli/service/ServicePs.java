package io.swarmops.cli.service;

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

/** {@code service ps}: the tasks of one or more services, newest of each slot first. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List the tasks of one or more services")
public final class ServicePs extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "SERVICE")
    List<String> services;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output (desired-state, id, name, node)")
    List<String> filters;

    @Mixin
    TaskListOptions list;

    @Override
    protected int execute() {
        Map<String, Service> byId = new LinkedHashMap<>();
        for (String ref : services) {
            Service s = gateway().service(ref);
            byId.put(s.id(), s);
        }
        Map<String, List<String>> f = new LinkedHashMap<>(Filters.parse(filters));
        f.put("service", new ArrayList<>(byId.keySet()));
        List<Task> tasks = gateway().tasks(f);
        if (list.quiet.quiet) {
            // docker's service ps -q prints whole IDs (it sets --no-trunc for -q; node ps and stack ps do not)
            TaskFormatter.printIds(out(), tasks, byId, true);
        } else {
            Map<String, Node> nodes = gateway().nodes().stream().collect(Collectors.toMap(Node::id, Function.identity()));
            TaskFormatter.print(out(), list.output, tasks, byId, nodes, list.noTrunc, Instant.now());
        }
        return 0;
    }
}
