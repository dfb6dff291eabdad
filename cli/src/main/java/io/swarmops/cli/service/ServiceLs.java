package io.swarmops.cli.service;

import io.swarmops.cli.Filters;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.QuietOption;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.cli.format.Table;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code service ls}: docker's columns; REPLICAS is running/desired. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List services")
public final class ServiceLs extends SwarmopsVerb {
    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output (id, label, mode, name)")
    List<String> filters;

    @Mixin
    OutputOptions output;

    @Mixin
    QuietOption quiet;

    @Override
    protected int execute() {
        List<Service> services = new ArrayList<>(gateway().services(Filters.parse(filters)));
        services.sort(Comparator.comparing(Service::name));
        if (quiet.quiet) {
            services.forEach(s -> out().println(s.id()));
            return 0;
        }
        if (output.json()) {
            JsonOutput.printAll(out(), services, Service::raw);
            return 0;
        }
        Map<String, List<Task>> tasks = gateway().tasks(Map.of("desired-state", List.of("running", "complete"))).stream()
                .collect(Collectors.groupingBy(Task::serviceId));
        Table t = Table.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (Service s : services) {
            t.row(s.id().substring(0, Math.min(12, s.id().length())), s.name(), s.mode(),
                    replicas(s, tasks.getOrDefault(s.id(), List.of())), s.imageWithoutDigest(), ports(s));
        }
        t.print(out(), output.template());
        return 0;
    }

    static String replicas(Service s, List<Task> tasks) {
        long running = tasks.stream().filter(t -> t.isRunning() && t.desiredRunning()).count();
        String out;
        if (s.mode().endsWith("job")) {
            long done = tasks.stream().filter(t -> "complete".equals(t.state())).count();
            out = done + "/" + (s.replicas() < 0 ? tasks.size() : s.replicas()) + " (" + running + " running)";
        } else if (s.isGlobal()) {
            out = running + "/" + tasks.stream().filter(Task::desiredRunning).count();
        } else {
            out = running + "/" + s.replicas();
        }
        long max = s.raw().path("Spec").path("TaskTemplate").path("Placement").path("MaxReplicas").asLong(0);
        return max > 0 ? out + " (max " + max + " per node)" : out;
    }

    static String ports(Service s) {
        List<String> out = new ArrayList<>();
        s.raw().path("Endpoint").path("Ports").forEach(p -> {
            if (p.has("PublishedPort")) {
                out.add("*:" + p.path("PublishedPort").asText() + "->" + p.path("TargetPort").asText() + "/" + p.path("Protocol").asText("tcp"));
            }
        });
        return String.join(", ", out);
    }
}
