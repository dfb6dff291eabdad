package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.opts.ShellWords;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code service update}: read–change–write of the service's spec (docker's updateService), so
 * every field swarmops has no flag for (ulimits, sysctls, capabilities, ...) is written back as it
 * was read.
 */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Update a service")
public final class ServiceUpdate extends SwarmopsVerb {
    /** Options that may go with --rollback, as in docker. */
    private static final Set<String> ROLLBACK_COMPANIONS = Set.of("--rollback", "--detach", "--quiet", "--timeout");

    @Spec
    CommandSpec commandSpec;

    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Service image tag")
    String image;

    @Option(names = "--args", paramLabel = "ARGS", description = "Service command args (shell words)")
    String args;

    @Option(names = "--force", description = "Force update even if no changes require it (replaces every task)")
    boolean force;

    @Option(names = "--rollback", description = "Rollback to previous specification")
    boolean rollback;

    @Option(names = "--no-resolve-image", description = "Do not query the registry to resolve image digest and supported platforms")
    boolean noResolveImage;

    @Option(names = "--env-add", paramLabel = "K=V", description = "Add or update an environment variable") List<String> envAdd = List.of();
    @Option(names = "--env-rm", paramLabel = "K", description = "Remove an environment variable") List<String> envRm = List.of();
    @Option(names = "--label-add", paramLabel = "K=V", description = "Add or update a service label") List<String> labelAdd = List.of();
    @Option(names = "--label-rm", paramLabel = "K", description = "Remove a label by its key") List<String> labelRm = List.of();
    @Option(names = "--container-label-add", paramLabel = "K=V", description = "Add or update a container label") List<String> containerLabelAdd = List.of();
    @Option(names = "--container-label-rm", paramLabel = "K", description = "Remove a container label by its key") List<String> containerLabelRm = List.of();
    @Option(names = "--constraint-add", paramLabel = "EXPR", description = "Add or update a placement constraint") List<String> constraintAdd = List.of();
    @Option(names = "--constraint-rm", paramLabel = "EXPR", description = "Remove a constraint") List<String> constraintRm = List.of();
    @Option(names = "--placement-pref-add", paramLabel = "PREF", description = "Add a placement preference") List<String> prefAdd = List.of();
    @Option(names = "--placement-pref-rm", paramLabel = "PREF", description = "Remove a placement preference") List<String> prefRm = List.of();
    @Option(names = "--publish-add", paramLabel = "PORT", description = "Add or update a published port") List<String> publishAdd = List.of();
    @Option(names = "--publish-rm", paramLabel = "PORT", description = "Remove a published port by its target port") List<String> publishRm = List.of();
    @Option(names = "--mount-add", paramLabel = "MOUNT", description = "Add or update a mount on a service") List<String> mountAdd = List.of();
    @Option(names = "--mount-rm", paramLabel = "TARGET", description = "Remove a mount by its target path") List<String> mountRm = List.of();
    @Option(names = "--network-add", paramLabel = "NET", description = "Add a network") List<String> networkAdd = List.of();
    @Option(names = "--network-rm", paramLabel = "NET", description = "Remove a network") List<String> networkRm = List.of();
    @Option(names = "--secret-add", paramLabel = "SECRET", description = "Add or update a secret on a service") List<String> secretAdd = List.of();
    @Option(names = "--secret-rm", paramLabel = "NAME", description = "Remove a secret") List<String> secretRm = List.of();
    @Option(names = "--config-add", paramLabel = "CONFIG", description = "Add or update a config file on a service") List<String> configAdd = List.of();
    @Option(names = "--config-rm", paramLabel = "NAME", description = "Remove a configuration file") List<String> configRm = List.of();
    @Option(names = "--dns-add", paramLabel = "IP", description = "Add or update a custom DNS server") List<String> dnsAdd = List.of();
    @Option(names = "--dns-rm", paramLabel = "IP", description = "Remove a custom DNS server") List<String> dnsRm = List.of();
    @Option(names = "--dns-search-add", paramLabel = "DOMAIN", description = "Add or update a custom DNS search domain") List<String> dnsSearchAdd = List.of();
    @Option(names = "--dns-search-rm", paramLabel = "DOMAIN", description = "Remove a DNS search domain") List<String> dnsSearchRm = List.of();
    @Option(names = "--dns-option-add", paramLabel = "OPT", description = "Add or update a DNS option") List<String> dnsOptionAdd = List.of();
    @Option(names = "--dns-option-rm", paramLabel = "OPT", description = "Remove a DNS option") List<String> dnsOptionRm = List.of();
    @Option(names = "--host-add", paramLabel = "HOST:IP", description = "Add a custom host-to-IP mapping (host:ip)") List<String> hostAdd = List.of();
    @Option(names = "--host-rm", paramLabel = "HOST[:IP]", description = "Remove a custom host-to-IP mapping (host:ip)") List<String> hostRm = List.of();
    @Option(names = "--group-add", paramLabel = "GROUP", description = "Add an additional supplementary user group to the container") List<String> groupAdd = List.of();
    @Option(names = "--group-rm", paramLabel = "GROUP", description = "Remove a previously added supplementary user group from the container") List<String> groupRm = List.of();
    @Option(names = "--sysctl-add", paramLabel = "K=V", description = "Add or update a Sysctl option") List<String> sysctlAdd = List.of();
    @Option(names = "--sysctl-rm", paramLabel = "K", description = "Remove a Sysctl option") List<String> sysctlRm = List.of();
    @Option(names = "--ulimit-add", paramLabel = "NAME=SOFT[:HARD]", description = "Add or update a ulimit option") List<String> ulimitAdd = List.of();
    @Option(names = "--ulimit-rm", paramLabel = "NAME", description = "Remove a ulimit option") List<String> ulimitRm = List.of();
    @Option(names = "--generic-resource-add", paramLabel = "KIND=N", description = "Add a Generic resource") List<String> genericAdd = List.of();
    @Option(names = "--generic-resource-rm", paramLabel = "KIND", description = "Remove a Generic resource") List<String> genericRm = List.of();

    @Mixin
    ServiceSettings settings;

    @Mixin
    RegistryOptions registry;

    @Mixin
    WaitOptions wait;

    @Override
    protected int execute() {
        if (rollback) {
            List<String> others = commandSpec.commandLine().getParseResult().matchedOptions().stream()
                    .map(o -> o.longestName()).filter(n -> !ROLLBACK_COMPANIONS.contains(n)).toList();
            if (!others.isEmpty()) {
                throw SwarmOpsException.invalid("other flags may not be combined with --rollback: " + String.join(", ", others));
            }
        }
        Service current = gateway().service(service);
        if (rollback) {
            SpecUpdates.rollbackService(gateway(), current.id(), registry.auth(current.image()), context()::say);
        } else {
            if (image != null && !noResolveImage) {
                image = ImageResolution.resolve(context(), image, registry.auth(image));
            }
            ServiceSpecs.Lookups lookups = ServiceSpecs.Lookups.of(gateway());
            SpecUpdates.updateService(gateway(), current.id(), spec -> apply(spec, System.getenv(), lookups),
                    registry.auth(image != null ? image : current.image()), context()::say);
        }
        out().println(service);
        out().flush();
        return rollback ? wait.awaitRollback(context(), current.id()) : wait.await(context(), current.id());
    }

    /**
     * The pure change to a fetched spec, as docker's updateService and runUpdate make it.
     *
     * @param environment where a bare {@code --env-add KEY} or {@code --log-opt KEY} takes its value
     * @param lookups     network, secret and config IDs by name
     */
    ObjectNode apply(ObjectNode spec, Map<String, String> environment, ServiceSpecs.Lookups lookups) {
        // the values docker checks as it parses its flags, before it changes anything
        List<ObjectNode> secretRefs = secretAdd.stream().map(ServiceSpecs::secret).toList();
        List<ObjectNode> configRefs = configAdd.stream().map(ServiceSpecs::config).toList();
        List<String> nameservers = dnsAdd.stream().map(ServiceSpecs::dnsServer).toList();
        List<String> searches = dnsSearchAdd.stream().map(ServiceSpecs::dnsSearch).toList();
        List<String> extraHosts = hostAdd.stream().map(ServiceSpecs::extraHost).toList();
        List<ObjectNode> ulimits = ulimitAdd.stream().map(ServiceSpecs::ulimit).toList();

        ObjectNode task = spec.with("TaskTemplate");
        ObjectNode container = task.with("ContainerSpec");
        mergeLabels(spec, labelAdd, labelRm);
        mergeLabels(container, containerLabelAdd, containerLabelRm);
        if (image != null) {
            container.put("Image", image);
        }
        if (args != null) {
            ArrayNode a = container.putArray("Args");
            ShellWords.split(args).forEach(a::add);
        }
        if (!envRm.isEmpty() || !envAdd.isEmpty()) {
            updateEnv(container, environment);
        }
        if (!mountAdd.isEmpty() || !mountRm.isEmpty()) {
            updateMounts(container);
        }
        if (!sysctlAdd.isEmpty() || !sysctlRm.isEmpty()) {
            updateSysctls(container);
        }
        updateUlimits(container, ulimits);
        if (!genericAdd.isEmpty() || !genericRm.isEmpty()) {
            updateGenericResources(task.with("Resources").with("Reservations"));
        }
        if (!constraintAdd.isEmpty() || !constraintRm.isEmpty()) {
            List<String> constraints = new ArrayList<>();
            task.with("Placement").withArray("Constraints").forEach(c -> constraints.add(c.asText()));
            constraints.addAll(constraintAdd);
            constraints.removeAll(constraintRm);
            constraints.sort(null); // docker sorts so that the result is predictable
            setList(task.with("Placement"), "Constraints", constraints.stream().map(c -> (JsonNode) TextNode.valueOf(c)).toList());
        }
        if (!prefAdd.isEmpty() || !prefRm.isEmpty()) {
            List<JsonNode> prefs = new ArrayList<>();
            task.with("Placement").withArray("Preferences").forEach(prefs::add);
            for (String r : prefRm) {
                String descriptor = ServiceSpecs.preference(r).path("Spread").path("SpreadDescriptor").asText();
                prefs.removeIf(e -> e.path("Spread").path("SpreadDescriptor").asText().equals(descriptor));
            }
            prefAdd.forEach(a -> prefs.add(ServiceSpecs.preference(a)));
            setList(task.with("Placement"), "Preferences", prefs);
        }
        if (!networkAdd.isEmpty() || !networkRm.isEmpty()) {
            updateNetworks(spec, task, lookups::networkId);
        }
        if (settings.replicas != null) {
            if (!spec.path("Mode").path("Replicated").isObject()) {
                throw SwarmOpsException.invalid("replicas can only be used with replicated mode");
            }
            spec.with("Mode").with("Replicated").put("Replicas", settings.replicas);
        }
        settings.applyTo(spec);
        if (!groupAdd.isEmpty() || !groupRm.isEmpty()) {
            List<String> groups = ServiceSettings.texts(container.path("Groups"));
            groups.addAll(groupAdd);
            groups.removeAll(groupRm);
            groups.sort(null); // docker sorts so that the result is predictable
            setStrings(container, "Groups", groups);
        }
        if (!publishAdd.isEmpty() || !publishRm.isEmpty()) {
            updatePorts(spec.with("EndpointSpec"));
        }
        if (!dnsAdd.isEmpty() || !dnsRm.isEmpty() || !dnsSearchAdd.isEmpty() || !dnsSearchRm.isEmpty()
                || !dnsOptionAdd.isEmpty() || !dnsOptionRm.isEmpty()) {
            JsonNode dns = container.path("DNSConfig");
            ObjectNode updated = container.putObject("DNSConfig");
            setStrings(updated, "Nameservers", dnsList(dns.path("Nameservers"), nameservers, dnsRm));
            setStrings(updated, "Search", dnsList(dns.path("Search"), searches, dnsSearchRm));
            setStrings(updated, "Options", dnsList(dns.path("Options"), dnsOptionAdd, dnsOptionRm));
        }
        if (!hostAdd.isEmpty() || !hostRm.isEmpty()) {
            updateHosts(container, extraHosts);
        }
        settings.applyLogDriver(task, environment);
        if (force) {
            task.put("ForceUpdate", task.path("ForceUpdate").asLong(0) + 1);
        }
        settings.updateHealthcheck(container);
        settings.updateCapabilities(container);
        if (!secretAdd.isEmpty() || !secretRm.isEmpty()) {
            List<JsonNode> secrets = new ArrayList<>();
            container.path("Secrets").forEach(s -> {
                if (!secretRm.contains(s.path("SecretName").asText())) {
                    secrets.add(s);
                }
            });
            secrets.addAll(ServiceSpecs.resolve(secretRefs, "secret", "SecretName", lookups::secretIds));
            setList(container, "Secrets", secrets);
        }
        updateConfigs(container, configRefs, lookups);
        return ServiceSpecs.asRead(spec);
    }

    private void updateSysctls(ObjectNode container) {
        if (container.path("Sysctls").isObject()) {
            ServiceSpecs.kvMap(sysctlRm).fieldNames().forEachRemaining(((ObjectNode) container.path("Sysctls"))::remove);
        }
        if (!sysctlAdd.isEmpty()) {
            container.with("Sysctls").setAll(ServiceSpecs.kvMap(sysctlAdd));
        }
        if (container.path("Sysctls").isEmpty()) {
            container.remove("Sysctls");
        }
    }

    /** docker's updateUlimits (on every update): one per name, the added ones replacing, sorted by name. */
    private void updateUlimits(ObjectNode container, List<ObjectNode> added) {
        Map<String, JsonNode> byName = new TreeMap<>();
        container.path("Ulimits").forEach(u -> byName.put(u.path("Name").asText(), u));
        ServiceSpecs.kvMap(ulimitRm).fieldNames().forEachRemaining(byName::remove);
        added.forEach(u -> byName.put(u.path("Name").asText(), u));
        setList(container, "Ulimits", new ArrayList<>(byName.values()));
    }

    /** docker's addGenericResources then removeGenericResources: one discrete resource per kind. */
    private void updateGenericResources(ObjectNode reservations) {
        List<ObjectNode> added = ServiceSpecs.genericResources(genericAdd);
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        for (JsonNode r : reservations.path("GenericResources")) {
            if (!r.path("DiscreteResourceSpec").isObject()) {
                throw SwarmOpsException.invalid("invalid generic-resource `" + r + "` for service task");
            }
            String kind = r.path("DiscreteResourceSpec").path("Kind").asText();
            if (byKind.put(kind, r) != null) {
                throw SwarmOpsException.invalid("duplicate generic-resource `" + kind + "` for service task");
            }
        }
        added.forEach(r -> byKind.put(r.path("DiscreteResourceSpec").path("Kind").asText(), r));
        for (String kind : genericRm) {
            if (byKind.remove(kind) == null) {
                throw new SwarmOpsException(SwarmOpsException.Kind.NOT_FOUND, "could not find generic-resource `" + kind + "` to remove it");
            }
        }
        setList(reservations, "GenericResources", new ArrayList<>(byKind.values()));
    }

    /** docker's updateDNSConfig for one list: the current entries and the added ones, once each, less the removed, sorted. */
    private static List<String> dnsList(JsonNode current, List<String> add, List<String> remove) {
        Set<String> entries = new LinkedHashSet<>(ServiceSettings.texts(current));
        entries.addAll(add);
        entries.removeAll(remove);
        List<String> out = new ArrayList<>(entries);
        out.sort(null);
        return out;
    }

    /**
     * docker's updateHosts: {@code --host-rm HOST} takes the name out of every entry,
     * {@code HOST:IP} out of the entries for that address (an entry left with no name goes), then
     * the added entries follow in order, each once.
     */
    private void updateHosts(ObjectNode container, List<String> added) {
        List<String[]> removals = hostRm.stream().map(h -> {
            int colon = h.indexOf(':');
            return colon < 0 ? new String[] {h, ""} : new String[] {h.substring(0, colon), h.substring(colon + 1)};
        }).toList();
        Set<String> hosts = new LinkedHashSet<>();
        for (String entry : ServiceSettings.texts(container.path("Hosts"))) {
            List<String> parts = new ArrayList<>(List.of(entry.trim().split("\\s+")));
            if (parts.get(0).isEmpty()) {
                continue;
            }
            String ip = parts.remove(0);
            for (String[] rm : removals) {
                if (rm[1].isEmpty() || rm[1].equals(ip)) {
                    parts.removeIf(rm[0]::equals);
                }
            }
            if (!parts.isEmpty()) {
                hosts.add(ip + " " + String.join(" ", parts));
            }
        }
        hosts.addAll(added);
        setStrings(container, "Hosts", new ArrayList<>(hosts));
    }

    /**
     * docker's getUpdatedConfigs (on every update): configs named by --config-rm go, and so do
     * runtime configs no credential spec uses any more; the added ones follow, resolved to IDs.
     */
    private void updateConfigs(ObjectNode container, List<ObjectNode> added, ServiceSpecs.Lookups lookups) {
        String credentialSpecConfig = container.path("Privileges").path("CredentialSpec").path("Config").asText("");
        List<JsonNode> configs = new ArrayList<>();
        for (JsonNode c : container.path("Configs")) {
            boolean keep = c.has("Runtime") ? !credentialSpecConfig.isEmpty() && c.path("ConfigID").asText().equals(credentialSpecConfig)
                    : !configRm.contains(c.path("ConfigName").asText());
            if (keep) {
                configs.add(c);
            }
        }
        configs.addAll(ServiceSpecs.resolve(added, "config", "ConfigName", lookups::configIds));
        setList(container, "Configs", configs);
    }

    private static void setStrings(ObjectNode owner, String field, List<String> items) {
        setList(owner, field, items.stream().map(i -> (JsonNode) TextNode.valueOf(i)).toList());
    }

    private void updateEnv(ObjectNode container, Map<String, String> environment) {
        List<String> envs = new ArrayList<>();
        container.withArray("Env").forEach(e -> envs.add(e.asText()));
        envs.removeIf(e -> envRm.contains(ServiceSpecs.keyValue(e)[0]));
        for (String raw : envAdd) {
            String kv = ServiceSpecs.env(raw, environment);
            String key = ServiceSpecs.keyValue(kv)[0];
            envs.removeIf(e -> ServiceSpecs.keyValue(e)[0].equals(key));
            envs.add(kv);
        }
        setList(container, "Env", envs.stream().map(e -> (JsonNode) TextNode.valueOf(e)).toList());
    }

    /** docker's updateMounts: added mounts replace those on the same target, then removals, sorted by source and target. */
    private void updateMounts(ObjectNode container) {
        Map<String, JsonNode> byTarget = new LinkedHashMap<>();
        for (String a : mountAdd) {
            ObjectNode m = ServiceSpecs.mount(a);
            if (byTarget.put(m.path("Target").asText(), m) != null) {
                throw SwarmOpsException.invalid("duplicate mount target");
            }
        }
        container.withArray("Mounts").forEach(m -> byTarget.putIfAbsent(m.path("Target").asText(), m));
        List<JsonNode> kept = new ArrayList<>(byTarget.values());
        kept.removeIf(m -> mountRm.contains(m.path("Target").asText()));
        kept.sort(Comparator.comparing((JsonNode m) -> m.path("Source").asText("")).thenComparing(m -> m.path("Target").asText("")));
        setList(container, "Mounts", kept);
    }

    /** docker's updateNetworks: by ID, refusing a network the service is already on, sorted by target. */
    private void updateNetworks(ObjectNode spec, ObjectNode task, UnaryOperator<String> networkId) {
        JsonNode current = task.path("Networks").size() > 0 ? task.path("Networks") : spec.path("Networks");
        spec.remove("Networks"); // the deprecated place; docker moves them into the TaskTemplate
        Set<String> removeIds = new HashSet<>();
        networkRm.forEach(n -> removeIds.add(networkId.apply(n)));
        List<JsonNode> kept = new ArrayList<>();
        Set<String> attached = new HashSet<>();
        for (JsonNode n : current) {
            if (!removeIds.contains(n.path("Target").asText())) {
                kept.add(n);
                attached.add(n.path("Target").asText());
            }
        }
        for (String add : networkAdd) {
            ObjectNode n = ServiceSpecs.network(add);
            String target = n.path("Target").asText();
            String id = networkId.apply(target);
            if (!attached.add(id)) {
                throw SwarmOpsException.invalid("service is already attached to network " + target);
            }
            n.put("Target", id);
            kept.add(n);
        }
        kept.sort(Comparator.comparing(n -> n.path("Target").asText()));
        setList(task, "Networks", kept);
    }

    /** docker's updatePorts: removal by target, protocol and mode; additions not already there; sorted. */
    private void updatePorts(ObjectNode endpoint) {
        Map<String, JsonNode> current = new LinkedHashMap<>();
        endpoint.withArray("Ports").forEach(p -> current.putIfAbsent(ServiceSpecs.portKey(p), p));
        List<ObjectNode> remove = new ArrayList<>();
        publishRm.forEach(r -> remove.addAll(ServiceSpecs.ports(r)));
        List<JsonNode> ports = new ArrayList<>();
        for (JsonNode p : current.values()) {
            boolean gone = remove.stream().anyMatch(r -> r.path("TargetPort").asLong() == p.path("TargetPort").asLong()
                    && same(p.path("Protocol").asText(""), r.path("Protocol").asText(""), "tcp")
                    && same(p.path("PublishMode").asText(""), r.path("PublishMode").asText(""), "ingress"));
            if (!gone) {
                ports.add(p);
            }
        }
        for (String a : publishAdd) {
            for (ObjectNode p : ServiceSpecs.ports(a)) {
                if (!current.containsKey(ServiceSpecs.portKey(p))) {
                    ports.add(p);
                }
            }
        }
        ports.sort(Comparator.comparing(ServiceSpecs::portKey));
        setList(endpoint, "Ports", ports);
    }

    /** Go's omitempty: an empty list is left out. */
    private static void setList(ObjectNode owner, String field, List<JsonNode> items) {
        if (items.isEmpty()) {
            owner.remove(field);
        } else {
            owner.putArray(field).addAll(items);
        }
    }

    /** Equal, counting "" as the default. */
    private static boolean same(String a, String b, String dflt) {
        return (a.isEmpty() ? dflt : a).equals(b.isEmpty() ? dflt : b);
    }

    private static void mergeLabels(ObjectNode owner, List<String> add, List<String> rm) {
        if (owner.path("Labels").isObject()) {
            rm.forEach(((ObjectNode) owner.path("Labels"))::remove);
        }
        if (!add.isEmpty()) {
            ObjectNode labels = owner.with("Labels");
            ServiceCreate.labelMap(add).fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
        }
    }
}
