package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ArgumentsAfterImage;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code service create}: docker's flags, the Engine spec docker/cli's ToService builds from them;
 * prints the new service's ID and waits for convergence unless -d.
 */
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

    @Option(names = "--max-concurrent", paramLabel = "N", description = "Number of job tasks to run concurrently (default equal to --replicas)")
    Long maxConcurrent;

    @Option(names = {"-e", "--env"}, paramLabel = "K=V", description = "Set environment variables")
    List<String> env = List.of();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read in a file of environment variables")
    List<Path> envFiles = List.of();

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
        ObjectNode spec = spec(System.getenv(), ref -> gateway().network(ref).id());
        if (!noResolveImage) {
            ImageResolution.pin(context(), spec, registry.auth(image));
        }
        String id = gateway().createService(spec, registry.auth(image), context()::say);
        out().println(id);
        out().flush();
        return wait.await(context(), id);
    }

    /**
     * The Engine ServiceSpec these flags describe, in the shape docker/cli sends (pure but for the
     * two lookups passed in).
     *
     * @param environment where a bare {@code -e KEY} takes its value
     * @param networkId   resolves a network name to its ID, as docker does before it creates
     */
    ObjectNode spec(Map<String, String> environment, UnaryOperator<String> networkId) {
        ObjectNode spec = Json.object();
        if (name != null && !name.isEmpty()) {
            spec.put("Name", name);
        }
        spec.set("Labels", labelMap(labels));
        ObjectNode task = spec.putObject("TaskTemplate");
        ObjectNode container = task.putObject("ContainerSpec");
        container.put("Image", image);
        ObjectNode cl = labelMap(containerLabels);
        if (!cl.isEmpty()) {
            container.set("Labels", cl);
        }
        if (!args.isEmpty()) {
            ArrayNode a = container.putArray("Args");
            args.forEach(a::add);
        }
        List<String> envs = new ArrayList<>();
        envFiles.forEach(f -> envs.addAll(ServiceSpecs.envFile(f, environment)));
        env.forEach(e -> envs.add(ServiceSpecs.env(e, environment)));
        List<String> effective = ServiceSpecs.dedupEnv(envs);
        if (!effective.isEmpty()) {
            ArrayNode e = container.putArray("Env");
            effective.forEach(e::add);
        }
        if (!mounts.isEmpty()) {
            ArrayNode m = container.putArray("Mounts");
            mounts.forEach(v -> m.add(ServiceSpecs.mount(v)));
        }
        // docker always sends these two: its Init flag's value and an empty DNS config
        container.put("Init", false);
        container.putObject("DNSConfig");
        ObjectNode resources = task.putObject("Resources");
        resources.putObject("Limits");
        resources.putObject("Reservations");
        ObjectNode placement = task.putObject("Placement");
        if (!constraints.isEmpty()) {
            ArrayNode c = placement.putArray("Constraints");
            constraints.forEach(c::add);
        }
        if (!preferences.isEmpty()) {
            ArrayNode p = placement.putArray("Preferences");
            preferences.forEach(v -> p.add(ServiceSpecs.preference(v)));
        }
        if (!networks.isEmpty()) {
            List<ObjectNode> attachments = new ArrayList<>();
            for (String n : networks) {
                ObjectNode a = ServiceSpecs.network(n);
                a.put("Target", networkId.apply(a.path("Target").asText()));
                attachments.add(a);
            }
            attachments.sort(Comparator.comparing(a -> a.path("Target").asText()));
            task.putArray("Networks").addAll(attachments);
        }
        task.put("ForceUpdate", 0);
        spec.set("Mode", mode());
        if (mode.endsWith("-job") && settings.anyPolicyFlag()) {
            throw SwarmOpsException.invalid("update and rollback configuration is not supported for jobs");
        }
        ObjectNode endpoint = spec.putObject("EndpointSpec").put("Mode", "vip");
        if (!ports.isEmpty()) {
            ArrayNode p = endpoint.putArray("Ports");
            ports.forEach(v -> ServiceSpecs.ports(v).forEach(p::add));
        }
        settings.applyTo(spec);
        return spec;
    }

    /** docker's ToServiceMode, with its refusals. */
    private ObjectNode mode() {
        ObjectNode m = Json.object();
        Long replicas = settings.replicas;
        boolean perNodeLimit = settings.maxReplicas != null && settings.maxReplicas > 0;
        switch (mode) {
            case "replicated" -> {
                noMaxConcurrent();
                ObjectNode r = m.putObject("Replicated");
                if (replicas != null) {
                    r.put("Replicas", replicas);
                }
            }
            case "global", "global-job" -> {
                if (replicas != null) {
                    throw SwarmOpsException.invalid("replicas can only be used with replicated or replicated-job mode");
                }
                if (perNodeLimit) {
                    throw SwarmOpsException.invalid("replicas-max-per-node can only be used with replicated or replicated-job mode");
                }
                noMaxConcurrent();
                m.putObject(mode.equals("global") ? "Global" : "GlobalJob");
            }
            case "replicated-job" -> {
                ObjectNode job = m.putObject("ReplicatedJob");
                Long concurrent = maxConcurrent != null ? maxConcurrent : replicas;
                if (concurrent != null) {
                    job.put("MaxConcurrent", concurrent);
                }
                if (replicas != null) {
                    job.put("TotalCompletions", replicas);
                }
            }
            default -> throw SwarmOpsException.invalid("Unknown mode: " + mode + ", only replicated, global, replicated-job and global-job supported");
        }
        return m;
    }

    private void noMaxConcurrent() {
        if (maxConcurrent != null) {
            throw SwarmOpsException.invalid("max-concurrent can only be used with replicated-job mode");
        }
    }

    /** docker's ConvertKVStringsToMap after ValidateLabel. */
    static ObjectNode labelMap(List<String> kvs) {
        ObjectNode map = Json.object();
        for (String kv : kvs) {
            String[] p = ServiceSpecs.keyValue(kv);
            if (p[0].isEmpty()) {
                throw SwarmOpsException.invalid("invalid label '" + kv + "': empty name");
            }
            map.put(p[0], p[1]);
        }
        return map;
    }
}
