package io.swarmops.cli.service;

import io.swarmops.cli.MultiTarget;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.JsonOutput;
import io.swarmops.ops.model.Service;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code service inspect}: the Engine's service objects as one JSON array, or {@code --pretty}. */
@Command(name = "inspect", mixinStandardHelpOptions = true, description = "Display detailed information on one or more services")
public final class ServiceInspect extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "SERVICE")
    List<String> services;

    @Option(names = "--pretty", description = "Print the information in a human friendly format")
    boolean pretty;

    @Override
    protected int execute() {
        List<Service> found = new ArrayList<>();
        try {
            return MultiTarget.each(context(), services, ref -> found.add(gateway().service(ref)));
        } finally {
            if (pretty) {
                found.forEach(this::printPretty);
            } else {
                JsonOutput.printAll(out(), found, Service::raw);
            }
        }
    }

    private void printPretty(Service s) {
        var o = out();
        var spec = s.raw().path("Spec");
        o.println("ID:\t\t" + s.id());
        o.println("Name:\t\t" + s.name());
        if (!s.labels().isEmpty()) {
            o.println("Labels:");
            s.labels().forEach((k, v) -> o.println(" " + k + "=" + v));
        }
        o.println("Service Mode:\t" + Character.toUpperCase(s.mode().charAt(0)) + s.mode().substring(1));
        if (s.isReplicated()) {
            o.println(" Replicas:\t" + s.replicas());
        }
        if (!s.updateState().isEmpty()) {
            o.println("UpdateStatus:");
            o.println(" State:\t\t" + s.updateState());
            o.println(" Message:\t" + s.updateMessage());
        }
        var placement = spec.path("TaskTemplate").path("Placement");
        if (placement.path("Constraints").size() > 0) {
            o.println("Placement:");
            o.println(" Constraints:\t" + placement.path("Constraints"));
        }
        o.println("ContainerSpec:");
        o.println(" Image:\t\t" + s.image());
        var args = spec.path("TaskTemplate").path("ContainerSpec").path("Args");
        if (args.size() > 0) {
            o.println(" Args:\t\t" + String.join(" ", iterable(args)));
        }
        o.println("Endpoint Mode:\t" + spec.path("EndpointSpec").path("Mode").asText("vip"));
        String ports = ServiceLs.ports(s);
        if (!ports.isEmpty()) {
            o.println("Ports:\t\t" + ports);
        }
        o.println();
    }

    private static List<String> iterable(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(a -> out.add(a.asText()));
        return out;
    }
}
