package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.model.Service;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service update}: read–change–write of the service's spec, so every field swarmops does not
 * set (ulimits, sysctls, capabilities, ...) is written back as it was read.
 */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Update a service")
public final class ServiceUpdate extends SwarmopsVerb {
    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Service image tag")
    String image;

    @Option(names = "--args", paramLabel = "ARGS", description = "Service command args (space separated)")
    String args;

    @Option(names = "--force", description = "Force update even if no changes require it (replaces every task)")
    boolean force;

    @Option(names = "--rollback", description = "Rollback to previous specification")
    boolean rollback;

    @Option(names = "--env-add", paramLabel = "K=V") List<String> envAdd = List.of();
    @Option(names = "--env-rm", paramLabel = "K") List<String> envRm = List.of();
    @Option(names = "--label-add", paramLabel = "K=V") List<String> labelAdd = List.of();
    @Option(names = "--label-rm", paramLabel = "K") List<String> labelRm = List.of();
    @Option(names = "--container-label-add", paramLabel = "K=V") List<String> containerLabelAdd = List.of();
    @Option(names = "--container-label-rm", paramLabel = "K") List<String> containerLabelRm = List.of();
    @Option(names = "--constraint-add", paramLabel = "EXPR") List<String> constraintAdd = List.of();
    @Option(names = "--constraint-rm", paramLabel = "EXPR") List<String> constraintRm = List.of();
    @Option(names = "--placement-pref-add", paramLabel = "PREF") List<String> prefAdd = List.of();
    @Option(names = "--placement-pref-rm", paramLabel = "PREF") List<String> prefRm = List.of();
    @Option(names = "--publish-add", paramLabel = "PORT") List<String> publishAdd = List.of();
    @Option(names = "--publish-rm", paramLabel = "TARGET", description = "Remove a published port by its target port") List<String> publishRm = List.of();
    @Option(names = "--mount-add", paramLabel = "MOUNT") List<String> mountAdd = List.of();
    @Option(names = "--mount-rm", paramLabel = "TARGET", description = "Remove a mount by its target path") List<String> mountRm = List.of();
    @Option(names = "--network-add", paramLabel = "NET") List<String> networkAdd = List.of();
    @Option(names = "--network-rm", paramLabel = "NET") List<String> networkRm = List.of();

    @Mixin
    ServiceSettings settings;

    @Mixin
    RegistryOptions registry;

    @Mixin
    WaitOptions wait;

    @Override
    protected int execute() {
        Service current = gateway().service(service);
        if (rollback) {
            gateway().updateService(current.id(), current.version(), current.spec(), null, true, context()::say);
        } else {
            SpecUpdates.updateService(gateway(), current.id(), this::apply, registry.auth(image != null ? image : current.image()),
                    context()::say);
        }
        out().println(service);
        out().flush();
        return rollback ? wait.awaitRollback(context(), current.id()) : wait.await(context(), current.id());
    }

    /** The pure change to a fetched spec: docker's updateService. */
    ObjectNode apply(ObjectNode spec) {
        ObjectNode task = spec.with("TaskTemplate");
        ObjectNode container = task.with("ContainerSpec");
        if (image != null) {
            container.put("Image", image);
        }
        if (args != null) {
            ArrayNode a = container.putArray("Args");
            for (String part : args.trim().split("\\s+")) {
                a.add(part);
            }
        }
        if (!envRm.isEmpty() || !envAdd.isEmpty()) {
            ArrayNode envs = container.withArray("Env");
            for (String key : envRm) {
                ServiceSpecs.removeIf(envs, e -> e.asText().equals(key) || e.asText().startsWith(key + "="));
            }
            for (String kv : envAdd) {
                String key = ServiceSpecs.keyValue(kv)[0];
                ServiceSpecs.removeIf(envs, e -> e.asText().equals(key) || e.asText().startsWith(key + "="));
                envs.add(kv);
            }
        }
        mergeLabels(spec, "Labels", labelAdd, labelRm);
        mergeLabels(container, "Labels", containerLabelAdd, containerLabelRm);
        if (!constraintAdd.isEmpty() || !constraintRm.isEmpty()) {
            ArrayNode c = task.with("Placement").withArray("Constraints");
            ServiceSpecs.removeIf(c, e -> constraintRm.contains(e.asText()));
            for (String x : constraintAdd) {
                ServiceSpecs.removeIf(c, e -> e.asText().equals(x));
                c.add(x);
            }
        }
        if (!prefAdd.isEmpty() || !prefRm.isEmpty()) {
            ArrayNode p = task.with("Placement").withArray("Preferences");
            for (String r : prefRm) {
                ObjectNode gone = ServiceSpecs.preference(r);
                ServiceSpecs.removeIf(p, e -> e.equals(gone));
            }
            prefAdd.forEach(a -> p.add(ServiceSpecs.preference(a)));
        }
        if (!publishAdd.isEmpty() || !publishRm.isEmpty()) {
            ArrayNode ports = spec.with("EndpointSpec").withArray("Ports");
            for (String r : publishRm) {
                String target = r.contains("/") ? r.substring(0, r.indexOf('/')) : r;
                ServiceSpecs.removeIf(ports, e -> e.path("TargetPort").asText().equals(target));
            }
            for (String a : publishAdd) {
                ObjectNode port = ServiceSpecs.port(a);
                ServiceSpecs.removeIf(ports, e -> e.path("PublishedPort").equals(port.path("PublishedPort"))
                        && port.has("PublishedPort") && e.path("Protocol").equals(port.path("Protocol")));
                ports.add(port);
            }
        }
        if (!mountAdd.isEmpty() || !mountRm.isEmpty()) {
            ArrayNode mounts = container.withArray("Mounts");
            ServiceSpecs.removeIf(mounts, e -> mountRm.contains(e.path("Target").asText()));
            for (String a : mountAdd) {
                ObjectNode m = ServiceSpecs.mount(a);
                ServiceSpecs.removeIf(mounts, e -> e.path("Target").equals(m.path("Target")));
                mounts.add(m);
            }
        }
        if (!networkAdd.isEmpty() || !networkRm.isEmpty()) {
            ArrayNode nets = task.withArray("Networks");
            ServiceSpecs.removeIf(nets, e -> networkRm.contains(e.path("Target").asText()));
            networkAdd.forEach(n -> nets.addObject().put("Target", n));
        }
        settings.applyTo(spec);
        if (force) {
            task.put("ForceUpdate", task.path("ForceUpdate").asLong(0) + 1);
        }
        return spec;
    }

    private static void mergeLabels(ObjectNode owner, String field, List<String> add, List<String> rm) {
        if (add.isEmpty() && rm.isEmpty()) {
            return;
        }
        ObjectNode labels = owner.with(field);
        rm.forEach(labels::remove);
        add.forEach(kv -> labels.put(ServiceSpecs.keyValue(kv)[0], ServiceSpecs.keyValue(kv)[1]));
    }
}
