package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.ArgumentsAfterImage;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.opts.EnvFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    @Option(names = "--secret", paramLabel = "SECRET", description = "Specify secrets to expose to the service (NAME or source=NAME,target=,uid=,gid=,mode=)")
    List<String> secrets = List.of();

    @Option(names = "--config", paramLabel = "CONFIG", description = "Specify configurations to expose to the service (NAME or source=NAME,target=,uid=,gid=,mode=)")
    List<String> configs = List.of();

    @Option(names = "--dns", paramLabel = "IP", description = "Set custom DNS servers")
    List<String> dns = List.of();

    @Option(names = "--dns-search", paramLabel = "DOMAIN", description = "Set custom DNS search domains")
    List<String> dnsSearch = List.of();

    @Option(names = "--dns-option", paramLabel = "OPT", description = "Set DNS options")
    List<String> dnsOptions = List.of();

    @Option(names = "--group", paramLabel = "GROUP", description = "Set one or more supplementary user groups for the container")
    List<String> groups = List.of();

    @Option(names = "--sysctl", paramLabel = "K=V", description = "Sysctl options")
    List<String> sysctls = List.of();

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "Ulimit options")
    List<String> ulimits = List.of();

    @Option(names = "--generic-resource", paramLabel = "KIND=N", description = "User defined resources")
    List<String> genericResources = List.of();

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
        ObjectNode spec = spec(System.getenv(), ServiceSpecs.Lookups.of(gateway()));
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
     * lookups passed in).
     *
     * @param environment where a bare {@code -e KEY} or {@code --log-opt KEY} takes its value
     * @param lookups     network, secret and config IDs by name, as docker resolves them before it creates
     */
    ObjectNode spec(Map<String, String> environment, ServiceSpecs.Lookups lookups) {
        // the values docker checks as it parses its flags, before it asks the daemon anything
        List<ObjectNode> secretRefs = secrets.stream().map(ServiceSpecs::secret).toList();
        List<ObjectNode> configRefs = configs.stream().map(ServiceSpecs::config).toList();
        List<String> nameservers = dns.stream().map(ServiceSpecs::dnsServer).toList();
        List<String> searches = dnsSearch.stream().map(ServiceSpecs::dnsSearch).toList();
        Map<String, ObjectNode> ulimitsByName = new TreeMap<>();
        ulimits.forEach(u -> {
            ObjectNode limit = ServiceSpecs.ulimit(u);
            ulimitsByName.put(limit.path("Name").asText(), limit);
        });
        List<ObjectNode> generic = ServiceSpecs.genericResources(genericResources);

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
        envFiles.forEach(f -> envs.addAll(EnvFile.parse(f, environment)));
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
        // docker always sends these two: its Init flag's value and a DNS config (empty without --dns*)
        container.put("Init", false);
        ObjectNode dnsConfig = container.putObject("DNSConfig");
        putList(dnsConfig, "Nameservers", nameservers);
        putList(dnsConfig, "Search", searches);
        putList(dnsConfig, "Options", dnsOptions);
        putList(container, "Groups", groups);
        ObjectNode healthcheck = settings.healthcheck();
        if (healthcheck != null) {
            container.set("Healthcheck", healthcheck);
        }
        ObjectNode sysctlMap = ServiceSpecs.kvMap(sysctls);
        if (!sysctlMap.isEmpty()) {
            container.set("Sysctls", sysctlMap);
        }
        settings.createCapabilities(container);
        if (!ulimitsByName.isEmpty()) {
            container.putArray("Ulimits").addAll(ulimitsByName.values());
        }
        ObjectNode resources = task.putObject("Resources");
        resources.putObject("Limits");
        ObjectNode reservations = resources.putObject("Reservations");
        if (!generic.isEmpty()) {
            reservations.putArray("GenericResources").addAll(generic);
        }
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
                a.put("Target", lookups.networkId(a.path("Target").asText()));
                attachments.add(a);
            }
            attachments.sort(Comparator.comparing(a -> a.path("Target").asText()));
            task.putArray("Networks").addAll(attachments);
        }
        settings.applyLogDriver(task, environment);
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
        List<ObjectNode> resolvedSecrets = ServiceSpecs.resolve(secretRefs, "secret", "SecretName", lookups::secretIds);
        List<ObjectNode> resolvedConfigs = ServiceSpecs.resolve(configRefs, "config", "ConfigName", lookups::configIds);
        if (!resolvedSecrets.isEmpty()) {
            container.putArray("Secrets").addAll(resolvedSecrets);
        }
        if (!resolvedConfigs.isEmpty()) {
            container.putArray("Configs").addAll(resolvedConfigs);
        }
        return spec;
    }

    /** Go's omitempty: an empty list is left out. */
    private static void putList(ObjectNode owner, String field, List<String> items) {
        if (!items.isEmpty()) {
            items.forEach(owner.putArray(field)::add);
        }
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
