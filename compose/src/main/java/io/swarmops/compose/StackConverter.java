package io.swarmops.compose;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.compose.model.ComposeConfig;
import io.swarmops.compose.model.DeployConfig;
import io.swarmops.compose.model.ServiceConfig;
import io.swarmops.compose.model.ServiceConfig.FileReference;
import io.swarmops.compose.model.ServiceConfig.PortConfig;
import io.swarmops.compose.model.ServiceConfig.VolumeMount;
import io.swarmops.compose.model.TopLevelObjects.FileObjectConfig;
import io.swarmops.compose.model.TopLevelObjects.NetworkConfig;
import io.swarmops.compose.model.TopLevelObjects.VolumeConfig;
import io.swarmops.ops.CappedFile;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.opts.Capabilities;
import io.swarmops.ops.opts.InvalidSyntax;
import io.swarmops.ops.opts.NanoCpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compose configuration to Engine API specs, as docker/cli's {@code compose/convert} builds them for
 * {@code docker stack deploy}: the same names, labels, defaults and orderings, field for field.
 * Everything that can fail (undefined networks, unreadable secret files, bad sizes) fails here,
 * before a deploy writes anything.
 */
public final class StackConverter {
    private static final String DEFAULT_NETWORK = "default";

    private final String namespace;

    public StackConverter(String namespace) {
        this.namespace = namespace;
    }

    private String scope(String name) {
        return namespace + "_" + name;
    }

    public StackSpecs convert(ComposeConfig config) {
        SortedMap<String, ObjectNode> networks = new TreeMap<>();
        List<String> external = new ArrayList<>();
        networks(config, networks, external);
        List<ObjectNode> secrets = fileObjects(config.secrets, "secrets", true);
        List<ObjectNode> configs = fileObjects(config.configs, "configs", false);
        SortedMap<String, ObjectNode> services = new TreeMap<>();
        for (ServiceConfig s : config.services.values()) {
            try {
                services.put(s.name, service(s, config));
            } catch (IllegalArgumentException | InvalidSyntax e) {
                throw new ComposeException(s.mark, "services." + s.name, e.getMessage());
            }
        }
        return new StackSpecs(namespace, networks, external, secrets, configs, services);
    }

    private Map<String, String> stackLabels(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(labels);
        out.put(StackSpecs.NAMESPACE_LABEL, namespace);
        return out;
    }

    private static ObjectNode stringMap(Map<String, String> m) {
        ObjectNode o = Json.object();
        m.forEach(o::put);
        return o;
    }

    // ---- networks -----------------------------------------------------------------------------

    private void networks(ComposeConfig config, Map<String, ObjectNode> out, List<String> external) {
        Set<String> used = new TreeSet<>();
        for (ServiceConfig s : config.services.values()) {
            if (s.networks.isEmpty()) {
                used.add(DEFAULT_NETWORK);
            } else {
                used.addAll(s.networks.keySet());
            }
        }
        for (String internal : used) {
            NetworkConfig nw = config.networks.getOrDefault(internal, new NetworkConfig());
            if (nw.external) {
                external.add(nw.name);
                continue;
            }
            String name = nw.name.isEmpty() ? scope(internal) : nw.name;
            ObjectNode req = Json.object();
            req.put("Name", name);
            req.put("CheckDuplicate", true);
            req.put("Driver", nw.driver.isEmpty() ? "overlay" : nw.driver);
            req.put("Scope", "");
            if (!nw.ipamDriver.isEmpty() || !nw.ipamSubnets.isEmpty()) {
                ObjectNode ipam = req.putObject("IPAM");
                ipam.put("Driver", nw.ipamDriver);
                ArrayNode cfg = ipam.putArray("Config");
                for (String subnet : nw.ipamSubnets) {
                    ObjectNode c = cfg.addObject();
                    if (!subnet.isEmpty()) {
                        c.put("Subnet", subnet);
                    }
                }
                ipam.putNull("Options");
            }
            req.put("Internal", nw.internal);
            req.put("Attachable", nw.attachable);
            req.put("Ingress", false);
            req.put("ConfigOnly", false);
            if (nw.driverOpts.isEmpty()) {
                req.putNull("Options");
            } else {
                req.set("Options", stringMap(nw.driverOpts));
            }
            req.set("Labels", stringMap(stackLabels(nw.labels)));
            out.put(name, req);
        }
    }

    // ---- secrets and configs ------------------------------------------------------------------

    private List<ObjectNode> fileObjects(Map<String, FileObjectConfig> objects, String section, boolean secret) {
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, FileObjectConfig> e : new TreeMap<>(objects).entrySet()) {
            FileObjectConfig o = e.getValue();
            if (o.external) {
                continue;
            }
            ObjectNode spec = Json.object();
            spec.put("Name", o.name.isEmpty() ? scope(e.getKey()) : o.name);
            spec.set("Labels", stringMap(stackLabels(o.labels)));
            if (secret && !o.driver.isEmpty()) {
                spec.put("Data", "");
                ObjectNode d = spec.putObject("Driver");
                d.put("Name", o.driver);
                if (!o.driverOpts.isEmpty()) {
                    d.set("Options", stringMap(o.driverOpts));
                }
            } else {
                byte[] data;
                try {
                    data = CappedFile.read(Path.of(o.file), secret ? CappedFile.SECRET : CappedFile.CONFIG);
                } catch (CappedFile.TooLarge e2) {
                    throw new ComposeException(o.fileMark, section + "." + e.getKey() + ".file", e2.getMessage());
                } catch (IOException e2) {
                    throw new ComposeException(o.fileMark, section + "." + e.getKey() + ".file",
                            "open " + o.file + ": " + (Files.exists(Path.of(o.file)) ? "cannot read" : "no such file or directory"));
                }
                spec.put("Data", Base64.getEncoder().encodeToString(data));
            }
            if (!o.templateDriver.isEmpty()) {
                spec.putObject("Templating").put("Name", o.templateDriver);
            }
            out.add(spec);
        }
        return out;
    }

    // ---- services -----------------------------------------------------------------------------

    private ObjectNode service(ServiceConfig s, ComposeConfig config) {
        ObjectNode spec = Json.object();
        spec.put("Name", scope(s.name));
        Map<String, String> labels = stackLabels(s.deploy.labels);
        labels.put(StackSpecs.IMAGE_LABEL, s.image);
        spec.set("Labels", stringMap(labels));

        ObjectNode task = spec.putObject("TaskTemplate");
        ObjectNode cs = task.putObject("ContainerSpec");
        cs.put("Image", s.image);
        cs.set("Labels", stringMap(stackLabels(s.labels)));
        strings(cs, "Command", s.entrypoint);
        strings(cs, "Args", s.command);
        text(cs, "Hostname", s.hostname);
        List<String> env = new ArrayList<>();
        s.environment.forEach((k, v) -> env.add(v == null ? k : k + "=" + v));
        env.sort(Comparator.naturalOrder());
        strings(cs, "Env", env);
        text(cs, "Dir", s.workingDir);
        text(cs, "User", s.user);
        ObjectNode priv = cs.putObject("Privileges");
        ObjectNode credSpec = credentialSpec(s);
        if (credSpec == null) {
            priv.putNull("CredentialSpec");
        } else {
            priv.set("CredentialSpec", credSpec);
        }
        priv.putNull("SELinuxContext");
        if (s.init != null) {
            cs.put("Init", s.init);
        }
        text(cs, "StopSignal", s.stopSignal);
        if (s.tty) {
            cs.put("TTY", true);
        }
        if (s.stdinOpen) {
            cs.put("OpenStdin", true);
        }
        if (s.readOnly) {
            cs.put("ReadOnly", true);
        }
        ArrayNode mounts = Json.MAPPER.createArrayNode();
        for (VolumeMount v : s.volumes) {
            mounts.add(mount(v, config.volumes));
        }
        if (!mounts.isEmpty()) {
            cs.set("Mounts", mounts);
        }
        if (s.stopGracePeriod != null) {
            cs.put("StopGracePeriod", s.stopGracePeriod);
        }
        if (s.healthcheck != null) {
            cs.set("Healthcheck", healthcheck(s.healthcheck));
        }
        List<String> hosts = new ArrayList<>();
        for (String hostIp : s.extraHosts) {
            int c = hostIp.indexOf(':');
            if (c >= 0) {
                hosts.add(hostIp.substring(c + 1) + " " + hostIp.substring(0, c));
            }
        }
        strings(cs, "Hosts", hosts);
        if (!s.dns.isEmpty() || !s.dnsSearch.isEmpty()) {
            ObjectNode dns = cs.putObject("DNSConfig");
            strings(dns, "Nameservers", s.dns);
            strings(dns, "Search", s.dnsSearch);
        }
        ArrayNode secrets = fileRefs(s.secrets, config.secrets, "secret", "SecretName");
        if (!secrets.isEmpty()) {
            cs.set("Secrets", secrets);
        }
        ArrayNode configs = fileRefs(s.configs, config.configs, "config", "ConfigName");
        if (!s.credentialSpec.config().isEmpty()) {
            FileObjectConfig obj = config.configs.get(s.credentialSpec.config());
            if (obj == null) {
                throw new IllegalArgumentException("undefined config \"" + s.credentialSpec.config() + "\"");
            }
            ObjectNode ref = configs.addObject();
            ref.put("ConfigName", obj.name.isEmpty() ? scope(s.credentialSpec.config()) : obj.name);
            ref.putObject("Runtime");
            sortBy(configs, "ConfigName");
        }
        if (!configs.isEmpty()) {
            cs.set("Configs", configs);
        }
        text(cs, "Isolation", s.isolation);
        if (!s.sysctls.isEmpty()) {
            cs.set("Sysctls", stringMap(s.sysctls));
        }
        capabilities(cs, s.capAdd, s.capDrop);
        if (!s.ulimits.isEmpty()) {
            ArrayNode ul = cs.putArray("Ulimits");
            new TreeMap<>(s.ulimits).forEach((name, u) -> {
                long soft = u.single() != 0 ? u.single() : u.soft();
                long hard = u.single() != 0 ? u.single() : u.hard();
                ul.addObject().put("Name", name).put("Hard", hard).put("Soft", soft);
            });
        }
        if (s.oomScoreAdj != 0) {
            cs.put("OomScoreAdj", s.oomScoreAdj);
        }

        task.set("Resources", resources(s.deploy));
        ObjectNode restart = restartPolicy(s);
        if (restart != null) {
            task.set("RestartPolicy", restart);
        }
        ObjectNode placement = task.putObject("Placement");
        strings(placement, "Constraints", s.deploy.constraints);
        if (!s.deploy.preferences.isEmpty()) {
            ArrayNode prefs = placement.putArray("Preferences");
            for (String spread : s.deploy.preferences) {
                prefs.addObject().putObject("Spread").put("SpreadDescriptor", spread);
            }
        }
        if (s.deploy.maxReplicasPerNode != 0) {
            placement.put("MaxReplicas", s.deploy.maxReplicasPerNode);
        }
        task.set("Networks", serviceNetworks(s, config.networks));
        if (s.logging != null) {
            ObjectNode log = task.putObject("LogDriver");
            log.put("Name", s.logging.driver);
            if (!s.logging.options.isEmpty()) {
                log.set("Options", stringMap(s.logging.options));
            }
        }
        task.put("ForceUpdate", 0);

        spec.set("Mode", mode(s.deploy));
        if (s.deploy.updateConfig != null) {
            spec.set("UpdateConfig", updateConfig(s.deploy.updateConfig));
        }
        if (s.deploy.rollbackConfig != null) {
            spec.set("RollbackConfig", updateConfig(s.deploy.rollbackConfig));
        }
        spec.set("EndpointSpec", endpoint(s));
        return spec;
    }

    private static void text(ObjectNode o, String field, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(field, value);
        }
    }

    private static void strings(ObjectNode o, String field, List<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode a = o.putArray(field);
            values.forEach(a::add);
        }
    }

    private static void sortBy(ArrayNode refs, String field) {
        List<ObjectNode> items = new ArrayList<>();
        refs.forEach(n -> items.add((ObjectNode) n));
        items.sort(Comparator.comparing(n -> n.path(field).asText()));
        refs.removeAll();
        items.forEach(refs::add);
    }

    private ObjectNode credentialSpec(ServiceConfig s) {
        ServiceConfig.CredentialSpec c = s.credentialSpec;
        List<String> set = new ArrayList<>();
        if (!c.config().isEmpty()) {
            set.add("\"Config\"");
        }
        if (!c.file().isEmpty()) {
            set.add("\"File\"");
        }
        if (!c.registry().isEmpty()) {
            set.add("\"Registry\"");
        }
        if (set.isEmpty()) {
            return null;
        }
        if (set.size() == 2) {
            throw new IllegalArgumentException("invalid credential spec: cannot specify both " + set.get(0) + " and " + set.get(1));
        }
        if (set.size() > 2) {
            throw new IllegalArgumentException("invalid credential spec: cannot specify both " + set.get(0) + ", " + set.get(1)
                    + ", and " + set.get(2));
        }
        ObjectNode o = Json.object();
        if (!c.config().isEmpty()) {
            // the daemon wants the config's ID here; filled with the other IDs at deploy time
            o.put("Config", "");
        }
        if (!c.file().isEmpty()) {
            o.put("File", c.file());
        }
        if (!c.registry().isEmpty()) {
            o.put("Registry", c.registry());
        }
        return o;
    }

    private ArrayNode fileRefs(List<FileReference> refs, Map<String, FileObjectConfig> defined, String what, String nameField) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        Set<String> targets = new java.util.HashSet<>();
        for (FileReference r : refs) {
            FileObjectConfig obj = defined.get(r.source());
            if (obj == null) {
                throw new IllegalArgumentException("undefined " + what + " \"" + r.source() + "\"");
            }
            String name = obj.name.isEmpty() ? scope(r.source()) : obj.name;
            String target = r.target().isEmpty() ? r.source() : r.target();
            if (!targets.add(target)) {
                throw new IllegalArgumentException("duplicate " + what + " target for " + name + " not allowed");
            }
            ObjectNode ref = out.addObject();
            ObjectNode file = ref.putObject("File");
            file.put("Name", target);
            file.put("UID", r.uid().isEmpty() ? "0" : r.uid());
            file.put("GID", r.gid().isEmpty() ? "0" : r.gid());
            file.put("Mode", r.mode() == null ? 0444 : r.mode());
            ref.put(nameField, name);
        }
        sortBy(out, nameField);
        return out;
    }

    private ObjectNode mount(VolumeMount v, Map<String, VolumeConfig> stackVolumes) {
        ObjectNode m = Json.object();
        String type = v.type.isEmpty() ? "volume" : v.type;
        m.put("Type", type);
        text(m, "Source", v.source);
        text(m, "Target", v.target);
        if (v.readOnly) {
            m.put("ReadOnly", true);
        }
        text(m, "Consistency", v.consistency);
        switch (type) {
            case "volume" -> {
                if (v.tmpfsOptions) {
                    throw new IllegalArgumentException("tmpfs options are incompatible with type volume");
                }
                if (v.bindPropagation != null) {
                    throw new IllegalArgumentException("bind options are incompatible with type volume");
                }
                if (v.source.isEmpty()) {
                    return m;
                }
                VolumeConfig sv = stackVolumes.get(v.source);
                if (sv == null) {
                    throw new IllegalArgumentException("undefined volume \"" + v.source + "\"");
                }
                m.put("Source", sv.name.isEmpty() ? scope(v.source) : sv.name);
                ObjectNode opts = m.putObject("VolumeOptions");
                if (Boolean.TRUE.equals(v.volumeNoCopy)) {
                    opts.put("NoCopy", true);
                }
                if (sv.external) {
                    return m;
                }
                opts.set("Labels", stringMap(stackLabels(sv.labels)));
                if (!sv.driver.isEmpty() || !sv.driverOpts.isEmpty()) {
                    ObjectNode dc = opts.putObject("DriverConfig");
                    text(dc, "Name", sv.driver);
                    if (!sv.driverOpts.isEmpty()) {
                        dc.set("Options", stringMap(sv.driverOpts));
                    }
                }
            }
            case "bind" -> {
                if (v.source.isEmpty()) {
                    throw new IllegalArgumentException("invalid bind source, source cannot be empty");
                }
                if (v.volumeNoCopy != null) {
                    throw new IllegalArgumentException("volume options are incompatible with type bind");
                }
                if (v.tmpfsOptions) {
                    throw new IllegalArgumentException("tmpfs options are incompatible with type bind");
                }
                if (v.bindPropagation != null) {
                    ObjectNode b = m.putObject("BindOptions");
                    text(b, "Propagation", v.bindPropagation);
                }
            }
            case "tmpfs" -> {
                if (!v.source.isEmpty()) {
                    throw new IllegalArgumentException("invalid tmpfs source, source must be empty");
                }
                if (v.bindPropagation != null) {
                    throw new IllegalArgumentException("bind options are incompatible with type tmpfs");
                }
                if (v.volumeNoCopy != null) {
                    throw new IllegalArgumentException("volume options are incompatible with type tmpfs");
                }
                if (v.tmpfsOptions) {
                    ObjectNode t = m.putObject("TmpfsOptions");
                    if (v.tmpfsSize != null && v.tmpfsSize != 0) {
                        t.put("SizeBytes", v.tmpfsSize);
                    }
                }
            }
            case "npipe" -> {
                if (v.source.isEmpty()) {
                    throw new IllegalArgumentException("invalid npipe source, source cannot be empty");
                }
                if (v.volumeNoCopy != null) {
                    throw new IllegalArgumentException("volume options are incompatible with type npipe");
                }
                if (v.tmpfsOptions) {
                    throw new IllegalArgumentException("tmpfs options are incompatible with type npipe");
                }
                if (v.bindPropagation != null) {
                    text(m.putObject("BindOptions"), "Propagation", v.bindPropagation);
                }
            }
            default -> throw new IllegalArgumentException("volume type must be volume, bind, tmpfs, npipe, or cluster");
        }
        return m;
    }

    private static ObjectNode healthcheck(ServiceConfig.HealthCheck h) {
        ObjectNode o = Json.object();
        if (h.disable) {
            if (!h.test.isEmpty()) {
                throw new IllegalArgumentException("test and disable can't be set at the same time");
            }
            o.putArray("Test").add("NONE");
            return o;
        }
        strings(o, "Test", h.test);
        nonZero(o, "Interval", h.interval);
        nonZero(o, "Timeout", h.timeout);
        nonZero(o, "StartPeriod", h.startPeriod);
        nonZero(o, "StartInterval", h.startInterval);
        nonZero(o, "Retries", h.retries);
        return o;
    }

    private static void nonZero(ObjectNode o, String field, Long v) {
        if (v != null && v != 0) {
            o.put(field, v);
        }
    }

    private static void capabilities(ObjectNode cs, List<String> add, List<String> drop) {
        Capabilities.Effective caps = Capabilities.effective(add, drop);
        strings(cs, "CapabilityAdd", caps.add());
        strings(cs, "CapabilityDrop", caps.drop());
    }

    private static ObjectNode resources(DeployConfig d) {
        ObjectNode r = Json.object();
        if (d.limits != null) {
            ObjectNode l = r.putObject("Limits");
            long cpus = d.limits.cpus.isEmpty() ? 0 : NanoCpus.parse(d.limits.cpus);
            nonZero(l, "NanoCPUs", cpus);
            nonZero(l, "MemoryBytes", d.limits.memoryBytes);
            nonZero(l, "Pids", d.limits.pids);
        }
        if (d.reservations != null) {
            ObjectNode l = r.putObject("Reservations");
            long cpus = d.reservations.cpus.isEmpty() ? 0 : NanoCpus.parse(d.reservations.cpus);
            nonZero(l, "NanoCPUs", cpus);
            nonZero(l, "MemoryBytes", d.reservations.memoryBytes);
            if (!d.reservations.genericResources.isEmpty()) {
                ArrayNode g = l.putArray("GenericResources");
                for (DeployConfig.GenericResource gr : d.reservations.genericResources) {
                    ObjectNode o = g.addObject();
                    if (gr != null) {
                        o.putObject("DiscreteResourceSpec").put("Kind", gr.kind()).put("Value", gr.value());
                    }
                }
            }
        }
        return r;
    }

    private static ObjectNode restartPolicy(ServiceConfig s) {
        DeployConfig.RestartPolicy p = s.deploy.restartPolicy;
        if (p != null) {
            ObjectNode o = Json.object();
            text(o, "Condition", p.condition);
            if (p.delay != null) {
                o.put("Delay", p.delay);
            }
            if (p.maxAttempts != null) {
                o.put("MaxAttempts", p.maxAttempts);
            }
            if (p.window != null) {
                o.put("Window", p.window);
            }
            return o;
        }
        if (s.restart.isEmpty()) {
            return null;
        }
        String name = s.restart;
        long count = 0;
        int colon = s.restart.indexOf(':');
        if (colon >= 0) {
            name = s.restart.substring(0, colon);
            String v = s.restart.substring(colon + 1);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("invalid restart policy format: no policy provided before colon");
            }
            if (!v.isEmpty()) {
                if (!v.matches("[+-]?[0-9]+")) {
                    throw new IllegalArgumentException("invalid restart policy format: maximum retry count must be an integer");
                }
                count = Long.parseLong(v);
            }
        }
        if (count < 0) {
            throw new IllegalArgumentException("invalid restart policy: maximum retry count cannot be negative");
        }
        ObjectNode o = Json.object();
        switch (name) {
            case "no", "" -> {
                return null;
            }
            case "always", "unless-stopped" -> o.put("Condition", "any");
            case "on-failure" -> o.put("Condition", "on-failure");
            default -> throw new IllegalArgumentException("invalid restart policy: unknown policy '" + name
                    + "' (must be one of 'no', 'always', 'on-failure', or 'unless-stopped')");
        }
        if (count > 0) {
            o.put("MaxAttempts", count);
        }
        return o;
    }

    private ArrayNode serviceNetworks(ServiceConfig s, Map<String, NetworkConfig> defined) {
        Map<String, ServiceConfig.ServiceNetwork> nets = s.networks;
        if (nets.isEmpty()) {
            nets = new LinkedHashMap<>();
            nets.put(DEFAULT_NETWORK, null);
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map.Entry<String, ServiceConfig.ServiceNetwork> e : nets.entrySet()) {
            NetworkConfig nc = defined.get(e.getKey());
            if (nc == null && !e.getKey().equals(DEFAULT_NETWORK)) {
                throw new IllegalArgumentException("undefined network \"" + e.getKey() + "\"");
            }
            String target = nc != null && !nc.name.isEmpty() ? nc.name : scope(e.getKey());
            ObjectNode a = Json.object();
            a.put("Target", target);
            List<String> aliases = new ArrayList<>();
            if (e.getValue() != null) {
                aliases.addAll(e.getValue().aliases);
            }
            if (isUserDefined(target)) {
                aliases.add(s.name);
            }
            strings(a, "Aliases", aliases);
            if (e.getValue() != null && !e.getValue().driverOpts.isEmpty()) {
                a.set("DriverOpts", stringMap(e.getValue().driverOpts));
            }
            out.add(a);
        }
        out.sort(Comparator.comparing(n -> n.path("Target").asText()));
        ArrayNode arr = Json.MAPPER.createArrayNode();
        out.forEach(arr::add);
        return arr;
    }

    private static boolean isUserDefined(String network) {
        return !(network.equals("default") || network.equals("bridge") || network.equals("host") || network.equals("none")
                || network.startsWith("container:"));
    }

    private static ObjectNode mode(DeployConfig d) {
        ObjectNode m = Json.object();
        switch (d.mode) {
            case "global-job" -> {
                if (d.replicas != null) {
                    throw new IllegalArgumentException("replicas can only be used with replicated or replicated-job mode");
                }
                m.putObject("GlobalJob");
            }
            case "global" -> {
                if (d.replicas != null) {
                    throw new IllegalArgumentException("replicas can only be used with replicated or replicated-job mode");
                }
                m.putObject("Global");
            }
            case "replicated-job" -> {
                ObjectNode j = m.putObject("ReplicatedJob");
                if (d.replicas != null) {
                    j.put("MaxConcurrent", d.replicas);
                    j.put("TotalCompletions", d.replicas);
                }
            }
            case "replicated", "" -> {
                ObjectNode r = m.putObject("Replicated");
                if (d.replicas != null) {
                    r.put("Replicas", d.replicas);
                }
            }
            default -> throw new IllegalArgumentException("unknown mode: " + d.mode);
        }
        return m;
    }

    private static ObjectNode updateConfig(DeployConfig.UpdateConfig u) {
        ObjectNode o = Json.object();
        o.put("Parallelism", u.parallelism == null ? 1 : u.parallelism);
        nonZero(o, "Delay", u.delay);
        text(o, "FailureAction", u.failureAction);
        nonZero(o, "Monitor", u.monitor);
        o.put("MaxFailureRatio", u.maxFailureRatio);
        text(o, "Order", u.order);
        return o;
    }

    private static ObjectNode endpoint(ServiceConfig s) {
        ObjectNode e = Json.object();
        text(e, "Mode", s.deploy.endpointMode.toLowerCase(java.util.Locale.ROOT));
        List<PortConfig> ports = new ArrayList<>(s.ports);
        ports.sort(Comparator.comparingLong(PortConfig::published));
        if (!ports.isEmpty()) {
            ArrayNode a = e.putArray("Ports");
            for (PortConfig p : ports) {
                ObjectNode o = a.addObject();
                text(o, "Protocol", p.protocol());
                if (p.target() != 0) {
                    o.put("TargetPort", p.target());
                }
                if (p.published() != 0) {
                    o.put("PublishedPort", p.published());
                }
                text(o, "PublishMode", p.mode());
            }
        }
        return e;
    }
}
