package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ArgumentsAfterImage;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code service create}: docker's flags, the Engine's spec; waits for convergence unless -d. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a new service")
public final class ServiceCreate extends SwarmopsVerb implements ArgumentsAfterImage {
    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*", description = "Command and arguments")
    List<String> args = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Service name")
    String name;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "replicated",
            description = "Service mode (replicated, global, replicated-job, global-job) (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "Set environment variables")
    List<String> env = List.of();

    @Option(names = {"-l", "--label"}, paramLabel = "K=V", description = "Service labels")
    List<String> labels = List.of();

    @Option(names = "--container-label", paramLabel = "K=V", description = "Container labels")
    List<String> containerLabels = List.of();

    @Option(names = "--constraint", paramLabel = "EXPR", description = "Placement constraints")
    List<String> constraints = List.of();

    @Option(names = "--placement-pref", paramLabel = "PREF", description = "Add a placement preference (spread=node.labels.KEY)")
    List<String> preferences = List.of();

    @Option(names = {"-p", "--publish"}, paramLabel = "PORT", description = "Publish a port as a node port")
    List<String> ports = List.of();

    @Option(names = "--mount", paramLabel = "MOUNT", description = "Attach a filesystem mount to the service")
    List<String> mounts = List.of();

    @Option(names = "--network", paramLabel = "NET", description = "Network attachments")
    List<String> networks = List.of();

    @Option(names = "--endpoint-mode", paramLabel = "MODE", defaultValue = "vip", description = "Endpoint mode (vip or dnsrr) (default: ${DEFAULT-VALUE})")
    String endpointMode;

    @Option(names = "--no-resolve-image", description = "Do not query the registry to resolve image digest and supported platforms")
    boolean noResolveImage;

    @Mixin
    ServiceSettings settings;

    @Mixin
    RegistryOptions registry;

    @Mixin
    WaitOptions wait;

    @Override
    protected int execute() {
        ObjectNode spec = spec();
        if (!noResolveImage) {
            ImageResolution.pin(context(), spec, registry.auth(image));
        }
        String id = gateway().createService(spec, registry.auth(image), context()::say);
        out().println(id);
        out().flush();
        return wait.await(context(), id);
    }

    /** The Engine ServiceSpec these flags describe (pure). */
    ObjectNode spec() {
        ObjectNode spec = Json.object();
        if (name != null) {
            spec.put("Name", name);
        }
        ObjectNode labelsNode = spec.putObject("Labels");
        labels.forEach(l -> labelsNode.put(ServiceSpecs.keyValue(l)[0], ServiceSpecs.keyValue(l)[1]));
        ObjectNode task = spec.putObject("TaskTemplate");
        ObjectNode container = task.putObject("ContainerSpec");
        container.put("Image", image);
        if (!containerLabels.isEmpty()) {
            ObjectNode cl = container.putObject("Labels");
            containerLabels.forEach(l -> cl.put(ServiceSpecs.keyValue(l)[0], ServiceSpecs.keyValue(l)[1]));
        }
        if (!args.isEmpty()) {
            ArrayNode a = container.putArray("Args");
            args.forEach(a::add);
        }
        if (!env.isEmpty()) {
            ArrayNode e = container.putArray("Env");
            env.forEach(e::add);
        }
        if (!mounts.isEmpty()) {
            ArrayNode m = container.putArray("Mounts");
            mounts.forEach(v -> m.add(ServiceSpecs.mount(v)));
        }
        if (!constraints.isEmpty() || !preferences.isEmpty()) {
            ObjectNode placement = task.putObject("Placement");
            if (!constraints.isEmpty()) {
                ArrayNode c = placement.putArray("Constraints");
                constraints.forEach(c::add);
            }
            if (!preferences.isEmpty()) {
                ArrayNode p = placement.putArray("Preferences");
                preferences.forEach(v -> p.add(ServiceSpecs.preference(v)));
            }
        }
        if (!networks.isEmpty()) {
            ArrayNode n = task.putArray("Networks");
            networks.forEach(net -> n.addObject().put("Target", net));
        }
        task.put("ForceUpdate", 0);
        ObjectNode modeNode = spec.putObject("Mode");
        switch (mode) {
            case "replicated" -> modeNode.putObject("Replicated").put("Replicas", 1);
            case "global" -> modeNode.putObject("Global");
            case "replicated-job" -> modeNode.putObject("ReplicatedJob").put("MaxConcurrent", 1).put("TotalCompletions", 1);
            case "global-job" -> modeNode.putObject("GlobalJob");
            default -> throw SwarmOpsException.invalid("invalid --mode \"" + mode + "\": use replicated, global, replicated-job or global-job");
        }
        if (!mode.startsWith("replicated") && settings.replicas != null) {
            throw SwarmOpsException.invalid("--replicas can only be used with replicated mode");
        }
        if (mode.equals("replicated-job") && settings.replicas != null) {
            modeNode.with("ReplicatedJob").put("TotalCompletions", settings.replicas).put("MaxConcurrent", settings.replicas);
            settings.replicas = null;
        }
        // docker sends its update/rollback defaults with every create
        spec.putObject("UpdateConfig").put("Parallelism", 1).put("FailureAction", "pause").put("Monitor", 5_000_000_000L)
                .put("MaxFailureRatio", 0).put("Order", "stop-first");
        spec.putObject("RollbackConfig").put("Parallelism", 1).put("FailureAction", "pause").put("Monitor", 5_000_000_000L)
                .put("MaxFailureRatio", 0).put("Order", "stop-first");
        ObjectNode endpoint = spec.putObject("EndpointSpec").put("Mode", endpointMode);
        if (!ports.isEmpty()) {
            ArrayNode p = endpoint.putArray("Ports");
            ports.forEach(v -> p.add(ServiceSpecs.port(v)));
        }
        settings.applyTo(spec);
        return spec;
    }
}
