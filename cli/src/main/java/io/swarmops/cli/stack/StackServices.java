package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.OutputOptions;
import io.swarmops.cli.QuietOption;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.Table;
import io.swarmops.compose.StackSpecs;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stack services}: docker's columns ID, NAME, MODE, REPLICAS, IMAGE, PORTS. */
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
        List<Service> services = new ArrayList<>(gateway().services(Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack))));
        if (services.isEmpty()) {
            throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, "Nothing found in stack: " + stack);
        }
        services.sort(Comparator.comparing(Service::name));
        if (quiet.quiet) {
            services.forEach(s -> out().println(s.id()));
            return ExitCodes.OK;
        }
        List<Task> tasks = gateway().tasks(Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack)));
        Table t = Table.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
        for (Service s : services) {
            long running = tasks.stream().filter(x -> x.serviceId().equals(s.id()) && "running".equals(x.state())).count();
            long desired = s.isGlobal()
                    ? tasks.stream().filter(x -> x.serviceId().equals(s.id()) && "running".equals(x.desiredState())).count()
                    : s.replicas();
            t.row(s.id().substring(0, Math.min(12, s.id().length())), s.name(), s.mode(), running + "/" + desired,
                    s.imageWithoutDigest(), ports(s));
        }
        if (output.json()) {
            t.printJson(out());
        } else {
            t.print(out(), output.template());
        }
        return ExitCodes.OK;
    }

    static String ports(Service s) {
        List<String> out = new ArrayList<>();
        s.raw().path("Endpoint").path("Ports").forEach(p -> {
            if (p.path("PublishMode").asText("ingress").equals("ingress") && p.has("PublishedPort")) {
                out.add("*:" + p.path("PublishedPort").asText() + "->" + p.path("TargetPort").asText() + "/" + p.path("Protocol").asText());
            }
        });
        return String.join(", ", out);
    }
}
