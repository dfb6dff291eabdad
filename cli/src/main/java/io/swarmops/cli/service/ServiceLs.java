package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.cli.Filters;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.QuietOption;
import io.swarmops.cli.SwarmopsVerb;
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
        services.sort(Comparator.comparing(Service::name, ServiceLs::naturalCompare));
        if (quiet.quiet) {
            services.forEach(s -> out().println(s.id()));
            return 0;
        }
        Map<String, List<Task>> tasks = gateway().tasks(Map.of("desired-state", List.of("running", "complete"))).stream()
                .collect(Collectors.groupingBy(Task::serviceId));
        Table t = Table.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (Service s : services) {
            t.row(s.id().substring(0, Math.min(12, s.id().length())), s.name(), s.mode().replace('-', ' '),
                    replicas(s, tasks.getOrDefault(s.id(), List.of())), s.imageWithoutDigest(), ports(s));
        }
        if (output.json()) {
            t.printJson(out());
        } else {
            t.print(out(), output.template());
        }
        return 0;
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

    /** Names in natural order, as docker sorts them: web2 before web10. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
