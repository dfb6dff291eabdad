package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.format.Ids;
import io.swarmops.cli.format.NaturalOrder;
import io.swarmops.cli.format.Table;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Services as {@code docker service ls} and {@code docker stack services} print them (docker/cli's
 * cli/command/service: list.go and formatter.go, which stack services uses too): names in natural
 * order; REPLICAS counted from the tasks as the daemon's ServiceStatus counts them.
 */
public final class ServiceFormatter {
    /** The tasks that REPLICAS counts: the filter to fetch them with. */
    public static final Map<String, List<String>> COUNTED_TASKS = Map.of("desired-state", List.of("running", "complete"));

    private ServiceFormatter() {
    }

    /** {@code -q}: the IDs as the table shows them (docker's service ID is always truncated), in its order. */
    public static void printIds(PrintWriter out, List<Service> services) {
        sorted(services).forEach(s -> out.println(Ids.shortId(s.id())));
    }

    /** {@code tasks}: those of {@link #COUNTED_TASKS}, of these services or more. */
    public static void print(PrintWriter out, OutputOptions output, List<Service> services, List<Task> tasks) {
        Map<String, List<Task>> byService = tasks.stream().collect(Collectors.groupingBy(Task::serviceId));
        Table t = Table.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (Service s : sorted(services)) {
            t.row(Ids.shortId(s.id()), s.name(), s.mode().replace('-', ' '),
                    replicas(s, byService.getOrDefault(s.id(), List.of())), s.imageWithoutDigest(), ports(s));
        }
        t.print(out, output);
    }

    static List<Service> sorted(List<Service> services) {
        return services.stream().sorted(Comparator.comparing(Service::name, NaturalOrder.INSTANCE)).toList();
    }

    /**
     * docker's REPLICAS: running/desired, "(max N per node)" for a replicated service with a limit,
     * and for jobs "(completed/total completed)". Counted from the tasks as the daemon's
     * ServiceStatus counts them.
     */
    static String replicas(Service s, List<Task> tasks) {
        long running = tasks.stream().filter(t -> "running".equals(t.state())).count();
        if (s.mode().endsWith("job")) {
            long completed = tasks.stream().filter(t -> "complete".equals(t.state())).count();
            long desired = tasks.stream().filter(t -> "complete".equals(t.desiredState()) && !"complete".equals(t.state())).count();
            long total = s.mode().equals("replicated-job") ? s.replicas() : desired + completed;
            return running + "/" + desired + " (" + completed + "/" + total + " completed)";
        }
        running = tasks.stream().filter(t -> t.isRunning() && t.desiredRunning()).count();
        long desired = s.isGlobal() ? tasks.stream().filter(Task::desiredRunning).count() : s.replicas();
        long max = s.raw().path("Spec").path("TaskTemplate").path("Placement").path("MaxReplicas").asLong(0);
        return running + "/" + desired + (s.isReplicated() && max > 0 ? " (max " + max + " per node)" : "");
    }

    /**
     * docker's PORTS: the ingress-published ports, by protocol then published port, consecutive
     * ones grouped ({@code *:8080-8081->80-81/tcp}).
     */
    static String ports(Service s) {
        List<JsonNode> ingress = new ArrayList<>();
        s.raw().path("Endpoint").path("Ports").forEach(p -> {
            if ("ingress".equals(p.path("PublishMode").asText())) {
                ingress.add(p);
            }
        });
        ingress.sort(Comparator.comparing((JsonNode p) -> p.path("Protocol").asText()).thenComparingLong(p -> p.path("PublishedPort").asLong()));
        List<String> out = new ArrayList<>();
        long[] range = null; // published start, end, target start, end
        String protocol = "";
        for (JsonNode p : ingress) {
            long published = p.path("PublishedPort").asLong();
            long target = p.path("TargetPort").asLong();
            String proto = p.path("Protocol").asText();
            if (range != null && proto.equals(protocol) && published - range[1] <= 1 && target - range[3] <= 1
                    && !(range[3] != range[2] && target <= range[3])) {
                range[1] = published;
                range[3] = target;
                continue;
            }
            if (range != null && range[0] > 0) {
                out.add(portRange(range, protocol));
            }
            range = new long[] {published, published, target, target};
            protocol = proto;
        }
        if (range != null && range[0] > 0) {
            out.add(portRange(range, protocol));
        }
        return String.join(", ", out);
    }

    private static String portRange(long[] r, String protocol) {
        String pub = r[1] > r[0] ? r[0] + "-" + r[1] : String.valueOf(r[0]);
        String tgt = r[3] > r[2] ? r[2] + "-" + r[3] : String.valueOf(r[2]);
        return "*:" + pub + "->" + tgt + "/" + protocol;
    }
}
