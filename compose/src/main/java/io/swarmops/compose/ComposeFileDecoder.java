package io.swarmops.compose;

import static io.swarmops.compose.YamlValues.bool;
import static io.swarmops.compose.YamlValues.duration;
import static io.swarmops.compose.YamlValues.error;
import static io.swarmops.compose.YamlValues.extras;
import static io.swarmops.compose.YamlValues.integer;
import static io.swarmops.compose.YamlValues.join;
import static io.swarmops.compose.YamlValues.keys;
import static io.swarmops.compose.YamlValues.list;
import static io.swarmops.compose.YamlValues.listOfStrings;
import static io.swarmops.compose.YamlValues.listOrDict;
import static io.swarmops.compose.YamlValues.map;
import static io.swarmops.compose.YamlValues.mapOrNull;
import static io.swarmops.compose.YamlValues.number;
import static io.swarmops.compose.YamlValues.shellCommand;
import static io.swarmops.compose.YamlValues.string;
import static io.swarmops.compose.YamlValues.stringMap;
import static io.swarmops.compose.YamlValues.stringOrList;
import static io.swarmops.compose.YamlValues.unsigned;

import io.swarmops.compose.model.ComposeConfig;
import io.swarmops.compose.model.DeployConfig;
import io.swarmops.compose.model.ServiceConfig;
import io.swarmops.compose.model.ServiceConfig.FileReference;
import io.swarmops.compose.model.ServiceConfig.PortConfig;
import io.swarmops.compose.model.ServiceConfig.VolumeMount;
import io.swarmops.compose.model.TopLevelObjects.FileObjectConfig;
import io.swarmops.compose.model.TopLevelObjects.NetworkConfig;
import io.swarmops.compose.model.TopLevelObjects.VolumeConfig;
import io.swarmops.compose.yaml.YamlNode;
import io.swarmops.compose.yaml.YamlNode.YamlList;
import io.swarmops.compose.yaml.YamlNode.YamlMap;
import io.swarmops.compose.yaml.YamlNode.YamlScalar;
import io.swarmops.ops.opts.EnvFile;
import io.swarmops.ops.opts.GoIp;
import io.swarmops.ops.opts.InvalidSyntax;
import io.swarmops.ops.opts.MemBytes;
import io.swarmops.ops.opts.PortSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Checks one interpolated compose file against the compose v3 format as docker's schema (3.13)
 * describes it and turns it into a {@link ComposeConfig}, as docker's loader does: short syntaxes
 * expanded, env files read, relative paths made absolute against the project directory.
 */
final class ComposeFileDecoder {
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9._-]+$");

    static final Set<String> SERVICE_KEYS = Set.of("deploy", "build", "cap_add", "cap_drop", "cgroupns_mode", "cgroup_parent",
            "command", "configs", "container_name", "credential_spec", "depends_on", "devices", "dns", "dns_search",
            "domainname", "entrypoint", "env_file", "environment", "expose", "external_links", "extra_hosts", "group_add",
            "healthcheck", "hostname", "image", "init", "ipc", "isolation", "labels", "links", "logging", "mac_address",
            "network_mode", "networks", "pid", "ports", "privileged", "read_only", "restart", "security_opt", "shm_size",
            "secrets", "sysctls", "stdin_open", "stop_grace_period", "stop_signal", "tmpfs", "tty", "ulimits",
            "oom_score_adj", "user", "userns_mode", "volumes", "working_dir");

    private final Path workingDir;
    private final Map<String, String> env;
    private final Consumer<String> warnings;

    ComposeFileDecoder(Path workingDir, Map<String, String> env, Consumer<String> warnings) {
        this.workingDir = workingDir;
        this.env = env;
        this.warnings = warnings;
    }

    ComposeConfig decode(YamlMap top, String version) {
        keys(top, "", Set.of("version", "services", "networks", "volumes", "secrets", "configs"), true);
        ComposeConfig c = new ComposeConfig();
        c.version = version;
        if (top.has("version")) {
            string(top.get("version"), "version");
        }
        c.extras = extras(top);
        YamlMap services = section(top, "services");
        if (services != null) {
            for (Map.Entry<String, YamlNode.Entry> e : services.entries().entrySet()) {
                String name = e.getKey();
                checkName(services, name, "services");
                c.services.put(name, service(name, map(e.getValue().value(), "services." + name)));
            }
        }
        YamlMap networks = section(top, "networks");
        if (networks != null) {
            networks.entries().forEach((name, e) -> {
                checkName(networks, name, "networks");
                c.networks.put(name, network(name, e.value(), version));
            });
        }
        YamlMap volumes = section(top, "volumes");
        if (volumes != null) {
            volumes.entries().forEach((name, e) -> {
                checkName(volumes, name, "volumes");
                c.volumes.put(name, volume(name, e.value(), version));
            });
        }
        YamlMap secrets = section(top, "secrets");
        if (secrets != null) {
            secrets.entries().forEach((name, e) -> {
                checkName(secrets, name, "secrets");
                c.secrets.put(name, fileObject("secret", name, e.value(), version));
            });
        }
        YamlMap configs = section(top, "configs");
        if (configs != null) {
            configs.entries().forEach((name, e) -> {
                checkName(configs, name, "configs");
                c.configs.put(name, fileObject("config", name, e.value(), version));
            });
        }
        return c;
    }

    private static YamlMap section(YamlMap top, String key) {
        return top.has(key) ? map(top.get(key), key) : null;
    }

    private static void checkName(YamlMap section, String name, String key) {
        if (!NAME.matcher(name).matches()) {
            throw new ComposeException(section.keyMark(name), key, "additional property " + name + " is not allowed");
        }
    }

    // ---- services -----------------------------------------------------------------------------

    private ServiceConfig service(String name, YamlMap m) {
        String k = "services." + name;
        keys(m, k, SERVICE_KEYS, true);
        ServiceConfig s = new ServiceConfig();
        s.name = name;
        s.mark = m.mark();
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            String key = join(k, e.getKey());
            YamlNode v = e.getValue().value();
            switch (e.getKey()) {
                case "deploy" -> s.deploy = deploy(v, key);
                case "build" -> s.build = build(v, key);
                case "cap_add" -> s.capAdd = listOfStrings(v, key, true);
                case "cap_drop" -> s.capDrop = listOfStrings(v, key, true);
                case "cgroupns_mode" -> s.cgroupnsMode = string(v, key);
                case "cgroup_parent" -> s.cgroupParent = string(v, key);
                case "command" -> s.command = shellCommand(v, key);
                case "configs" -> s.configs = fileReferences(v, key);
                case "container_name" -> s.containerName = string(v, key);
                case "credential_spec" -> {
                    YamlMap cs = map(v, key);
                    keys(cs, key, Set.of("config", "file", "registry"), false);
                    s.credentialSpec = new ServiceConfig.CredentialSpec(
                            cs.has("config") ? string(cs.get("config"), key + ".config") : "",
                            cs.has("file") ? string(cs.get("file"), key + ".file") : "",
                            cs.has("registry") ? string(cs.get("registry"), key + ".registry") : "");
                }
                case "depends_on" -> s.dependsOn = listOfStrings(v, key, true);
                case "devices" -> s.devices = listOfStrings(v, key, true);
                case "dns" -> s.dns = stringOrList(v, key);
                case "dns_search" -> s.dnsSearch = stringOrList(v, key);
                case "domainname" -> s.domainname = string(v, key);
                case "entrypoint" -> s.entrypoint = shellCommand(v, key);
                case "env_file" -> s.envFile = stringOrList(v, key);
                case "environment" -> s.environment = listOrDict(v, key, "=", true);
                case "expose" -> s.expose = stringOrNumberList(v, key);
                case "external_links" -> s.externalLinks = listOfStrings(v, key, true);
                case "extra_hosts" -> s.extraHosts = hosts(v, key);
                case "group_add" -> stringOrNumberList(v, key);
                case "healthcheck" -> s.healthcheck = healthcheck(v, key);
                case "hostname" -> s.hostname = string(v, key);
                case "image" -> s.image = string(v, key);
                case "init" -> s.init = bool(v, key);
                case "ipc" -> s.ipc = string(v, key);
                case "isolation" -> s.isolation = string(v, key);
                case "labels" -> s.labels = listOrDict(v, key, "=", false);
                case "links" -> s.links = listOfStrings(v, key, true);
                case "logging" -> s.logging = logging(v, key);
                case "mac_address" -> s.macAddress = string(v, key);
                case "network_mode" -> s.networkMode = string(v, key);
                case "networks" -> s.networks = serviceNetworks(v, key);
                case "pid" -> s.pid = v instanceof YamlScalar sc && sc.isNull() ? "" : string(v, key);
                case "ports" -> s.ports = ports(v, key);
                case "privileged" -> s.privileged = bool(v, key);
                case "read_only" -> s.readOnly = bool(v, key);
                case "restart" -> s.restart = string(v, key);
                case "security_opt" -> s.securityOpt = listOfStrings(v, key, true);
                case "shm_size" -> s.shmSize = YamlValues.stringOrNumber(v, key);
                case "secrets" -> s.secrets = fileReferences(v, key);
                case "sysctls" -> s.sysctls = listOrDict(v, key, "=", false);
                case "stdin_open" -> s.stdinOpen = bool(v, key);
                case "stop_grace_period" -> s.stopGracePeriod = duration(v, key);
                case "stop_signal" -> s.stopSignal = string(v, key);
                case "tmpfs" -> s.tmpfs = stringOrList(v, key);
                case "tty" -> s.tty = bool(v, key);
                case "ulimits" -> s.ulimits = ulimits(v, key);
                case "oom_score_adj" -> s.oomScoreAdj = integer(v, key);
                case "user" -> s.user = string(v, key);
                case "userns_mode" -> s.usernsMode = string(v, key);
                case "volumes" -> s.volumes = volumes(v, key);
                case "working_dir" -> s.workingDir = string(v, key);
                default -> {
                    // x- extension keys: kept for stack config
                }
            }
        }
        s.extras = extras(m);
        resolveEnvironment(s, m);
        resolveBindPaths(s, m);
        return s;
    }

    private static Map<String, Object> build(YamlNode v, String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (v instanceof YamlScalar s && s.value() instanceof String str) {
            out.put("context", str);
            return out;
        }
        YamlMap m = map(v, key);
        m.entries().forEach((k, e) -> out.put(k, YamlValues.plain(e.value())));
        return out;
    }

    private static List<String> stringOrNumberList(YamlNode v, String key) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (YamlNode item : list(v, key).items()) {
            out.add(YamlValues.stringOrNumber(item, key + "[" + i++ + "]"));
        }
        return out;
    }

    /** extra_hosts: a mapping or a list of host:ip / host=ip, kept as "host:ip". */
    private static List<String> hosts(YamlNode v, String key) {
        List<String> raw = new ArrayList<>();
        if (v instanceof YamlMap) {
            Map<String, String> m = listOrDict(v, key, ":", true);
            m.forEach((host, ip) -> {
                if (ip != null) {
                    raw.add(host + ":" + ip);
                }
            });
            java.util.Collections.sort(raw);
        } else {
            for (String entry : listOfStrings(v, key, true)) {
                int eq = entry.indexOf('=');
                int colon = entry.indexOf(':');
                if (eq >= 0) {
                    raw.add(entry.substring(0, eq) + ":" + entry.substring(eq + 1));
                } else if (colon >= 0) {
                    raw.add(entry);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String hip : raw) {
            int c = hip.indexOf(':');
            String host = c < 0 ? hip : hip.substring(0, c);
            String ip = c < 0 ? "" : hip.substring(c + 1);
            if (ip.length() > 2 && ip.startsWith("[") && ip.endsWith("]")) {
                ip = ip.substring(1, ip.length() - 1);
            }
            out.add(host + ":" + ip);
        }
        return out;
    }

    private static List<FileReference> fileReferences(YamlNode v, String key) {
        List<FileReference> out = new ArrayList<>();
        int i = 0;
        for (YamlNode item : list(v, key).items()) {
            String k = key + "[" + i++ + "]";
            if (item instanceof YamlScalar s && s.value() instanceof String str) {
                out.add(new FileReference(str, "", "", "", null));
                continue;
            }
            YamlMap m = map(item, k);
            keys(m, k, Set.of("source", "target", "uid", "gid", "mode"), false);
            Long mode = null;
            if (m.has("mode")) {
                double d = number(m.get("mode"), k + ".mode");
                if (d < 0 || d > 0xFFFFFFFFL) {
                    throw error(m.get("mode"), k + ".mode", "cannot be negative or larger than 32 bits");
                }
                mode = (long) d;
            }
            out.add(new FileReference(
                    m.has("source") ? string(m.get("source"), k + ".source") : "",
                    m.has("target") ? string(m.get("target"), k + ".target") : "",
                    m.has("uid") ? string(m.get("uid"), k + ".uid") : "",
                    m.has("gid") ? string(m.get("gid"), k + ".gid") : "",
                    mode));
        }
        return out;
    }

    private static ServiceConfig.HealthCheck healthcheck(YamlNode v, String key) {
        YamlMap m = map(v, key);
        keys(m, key, Set.of("disable", "interval", "retries", "test", "timeout", "start_period", "start_interval"), false);
        ServiceConfig.HealthCheck h = new ServiceConfig.HealthCheck();
        if (m.has("test")) {
            YamlNode t = m.get("test");
            if (t instanceof YamlScalar s && s.value() instanceof String str) {
                h.test = new ArrayList<>(List.of("CMD-SHELL", str));
            } else {
                h.test = listOfStrings(t, key + ".test", false);
            }
        }
        if (m.has("disable")) {
            h.disable = bool(m.get("disable"), key + ".disable");
        }
        if (m.has("interval")) {
            h.interval = duration(m.get("interval"), key + ".interval");
        }
        if (m.has("timeout")) {
            h.timeout = duration(m.get("timeout"), key + ".timeout");
        }
        if (m.has("start_period")) {
            h.startPeriod = duration(m.get("start_period"), key + ".start_period");
        }
        if (m.has("start_interval")) {
            h.startInterval = duration(m.get("start_interval"), key + ".start_interval");
        }
        if (m.has("retries")) {
            double d = number(m.get("retries"), key + ".retries");
            if (d < 0) {
                throw error(m.get("retries"), key + ".retries", "cannot be negative");
            }
            h.retries = (long) d;
        }
        return h;
    }

    private static ServiceConfig.Logging logging(YamlNode v, String key) {
        YamlMap m = map(v, key);
        keys(m, key, Set.of("driver", "options"), false);
        ServiceConfig.Logging l = new ServiceConfig.Logging();
        if (m.has("driver")) {
            l.driver = string(m.get("driver"), key + ".driver");
        }
        if (m.has("options") && !(m.get("options") instanceof YamlScalar s && s.isNull())) {
            l.options = stringMap(m.get("options"), key + ".options", true);
        }
        return l;
    }

    private static Map<String, ServiceConfig.ServiceNetwork> serviceNetworks(YamlNode v, String key) {
        Map<String, ServiceConfig.ServiceNetwork> out = new LinkedHashMap<>();
        if (v instanceof YamlList) {
            for (String n : listOfStrings(v, key, true)) {
                out.put(n, null);
            }
            return out;
        }
        YamlMap m = map(v, key);
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            String k = join(key, e.getKey());
            checkName(m, e.getKey(), key);
            YamlMap nm = mapOrNull(e.getValue().value(), k);
            if (nm == null) {
                out.put(e.getKey(), null);
                continue;
            }
            keys(nm, k, Set.of("aliases", "driver_opts", "ipv4_address", "ipv6_address"), false);
            ServiceConfig.ServiceNetwork sn = new ServiceConfig.ServiceNetwork();
            if (nm.has("aliases")) {
                sn.aliases = listOfStrings(nm.get("aliases"), k + ".aliases", true);
            }
            if (nm.has("driver_opts")) {
                sn.driverOpts = stringMap(nm.get("driver_opts"), k + ".driver_opts", false);
            }
            if (nm.has("ipv4_address")) {
                sn.ipv4Address = string(nm.get("ipv4_address"), k + ".ipv4_address");
            }
            if (nm.has("ipv6_address")) {
                sn.ipv6Address = string(nm.get("ipv6_address"), k + ".ipv6_address");
            }
            out.put(e.getKey(), sn);
        }
        return out;
    }

    /**
     * A short-syntax port as docker's converter expands it: sorted by {@code port/proto} as strings
     * (nat.ParsePortSpecs keys its result so), each host IP that swarm mode ignores told to
     * {@code warnings} in docker's words (ConvertPortToPortConfig).
     */
    private List<PortConfig> shortPorts(String raw) {
        Map<String, List<PortConfig>> byKey = new TreeMap<>();
        Map<String, String> ignoredIps = new TreeMap<>();
        for (PortSpec.Mapping m : PortSpec.parse(raw)) {
            String key = m.target() + "/" + m.protocol();
            if (!m.hostIp().isEmpty() && !GoIp.isUnspecified(m.hostIp())) {
                String host = m.hostIp().contains(":") ? "[" + m.hostIp() + "]" : m.hostIp();
                ignoredIps.put(key, "ignoring IP-address (" + host + ":" + m.hostPort() + ":" + key
                        + ") service will listen on '0.0.0.0'");
            }
            List<PortConfig> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
            m.published().forEach(p -> list.add(new PortConfig("ingress", "", m.target(), p, m.protocol())));
        }
        ignoredIps.values().forEach(warnings);
        List<PortConfig> out = new ArrayList<>();
        byKey.values().forEach(out::addAll);
        return out;
    }

    private List<PortConfig> ports(YamlNode v, String key) {
        List<PortConfig> out = new ArrayList<>();
        int i = 0;
        for (YamlNode item : list(v, key).items()) {
            String k = key + "[" + i++ + "]";
            if (item instanceof YamlScalar s && (s.value() instanceof String || YamlValues.isNumber(s.value()))) {
                if (s.value() instanceof Double) {
                    throw error(item, k, "invalid type float64 for port");
                }
                try {
                    out.addAll(shortPorts(String.valueOf(s.value())));
                } catch (InvalidSyntax e) {
                    throw error(item, k, e.getMessage());
                }
                continue;
            }
            YamlMap m = map(item, k);
            keys(m, k, Set.of("mode", "target", "published", "protocol"), false);
            out.add(new PortConfig(
                    m.has("mode") ? string(m.get("mode"), k + ".mode") : "",
                    "",
                    m.has("target") ? port(m.get("target"), k + ".target") : 0,
                    m.has("published") ? port(m.get("published"), k + ".published") : 0,
                    m.has("protocol") ? string(m.get("protocol"), k + ".protocol") : ""));
        }
        return out;
    }

    private static long port(YamlNode v, String key) {
        long p = unsigned(v, key);
        if (p > 0xFFFFFFFFL) {
            throw error(v, key, "port out of range: " + p);
        }
        return p;
    }

    private static Map<String, ServiceConfig.Ulimit> ulimits(YamlNode v, String key) {
        YamlMap m = map(v, key);
        Map<String, ServiceConfig.Ulimit> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            String k = join(key, e.getKey());
            if (!e.getKey().matches("^[a-z]+$")) {
                throw new ComposeException(m.keyMark(e.getKey()), k, "additional property " + e.getKey() + " is not allowed");
            }
            YamlNode u = e.getValue().value();
            if (u instanceof YamlMap um) {
                keys(um, k, Set.of("soft", "hard"), false);
                if (!um.has("soft") || !um.has("hard")) {
                    throw error(um, k, um.has("soft") ? "hard is required" : "soft is required");
                }
                out.put(e.getKey(), new ServiceConfig.Ulimit(0, integer(um.get("soft"), k + ".soft"), integer(um.get("hard"), k + ".hard")));
            } else if (u instanceof YamlScalar s && YamlValues.isInteger(s.value())) {
                out.put(e.getKey(), new ServiceConfig.Ulimit(integer(u, k), 0, 0));
            } else {
                throw error(u, k, "must be a integer or a mapping with soft and hard");
            }
        }
        return out;
    }

    private List<VolumeMount> volumes(YamlNode v, String key) {
        List<VolumeMount> out = new ArrayList<>();
        int i = 0;
        for (YamlNode item : list(v, key).items()) {
            String k = key + "[" + i++ + "]";
            if (item instanceof YamlScalar s && s.value() instanceof String str) {
                try {
                    out.add(VolumeSpec.parse(str));
                } catch (InvalidSyntax e) {
                    throw error(item, k, e.getMessage());
                }
                continue;
            }
            YamlMap m = map(item, k);
            keys(m, k, Set.of("type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs"), false);
            if (!m.has("type")) {
                throw error(m, k, "type is required");
            }
            VolumeMount vm = new VolumeMount();
            vm.type = string(m.get("type"), k + ".type");
            if (m.has("source")) {
                vm.source = string(m.get("source"), k + ".source");
            }
            if (m.has("target")) {
                vm.target = string(m.get("target"), k + ".target");
            }
            if (m.has("read_only")) {
                vm.readOnly = bool(m.get("read_only"), k + ".read_only");
            }
            if (m.has("consistency")) {
                vm.consistency = string(m.get("consistency"), k + ".consistency");
            }
            if (m.has("bind")) {
                YamlMap b = map(m.get("bind"), k + ".bind");
                vm.bindPropagation = b.has("propagation") ? string(b.get("propagation"), k + ".bind.propagation") : "";
            }
            if (m.has("volume")) {
                YamlMap b = map(m.get("volume"), k + ".volume");
                vm.volumeNoCopy = b.has("nocopy") && bool(b.get("nocopy"), k + ".volume.nocopy");
            }
            if (m.has("tmpfs")) {
                YamlMap b = map(m.get("tmpfs"), k + ".tmpfs");
                vm.tmpfsOptions = true;
                if (b.has("size")) {
                    long size = integer(b.get("size"), k + ".tmpfs.size");
                    if (size < 0) {
                        throw error(b.get("size"), k + ".tmpfs.size", "must be greater than or equal to 0");
                    }
                    vm.tmpfsSize = size;
                } else {
                    vm.tmpfsSize = 0L;
                }
            }
            out.add(vm);
        }
        return out;
    }

    private DeployConfig deploy(YamlNode v, String key) {
        DeployConfig d = new DeployConfig();
        YamlMap m = mapOrNull(v, key);
        if (m == null) {
            return d;
        }
        keys(m, key, Set.of("mode", "endpoint_mode", "replicas", "labels", "rollback_config", "update_config", "resources",
                "restart_policy", "placement"), false);
        if (m.has("mode")) {
            d.mode = string(m.get("mode"), key + ".mode");
        }
        if (m.has("endpoint_mode")) {
            d.endpointMode = string(m.get("endpoint_mode"), key + ".endpoint_mode");
        }
        if (m.has("replicas")) {
            d.replicas = unsigned(m.get("replicas"), key + ".replicas");
        }
        if (m.has("labels")) {
            d.labels = listOrDict(m.get("labels"), key + ".labels", "=", false);
        }
        if (m.has("update_config")) {
            d.updateConfig = updateConfig(m.get("update_config"), key + ".update_config");
        }
        if (m.has("rollback_config")) {
            d.rollbackConfig = updateConfig(m.get("rollback_config"), key + ".rollback_config");
        }
        if (m.has("resources")) {
            YamlMap r = map(m.get("resources"), key + ".resources");
            keys(r, key + ".resources", Set.of("limits", "reservations"), false);
            if (r.has("limits")) {
                String k = key + ".resources.limits";
                YamlMap l = map(r.get("limits"), k);
                keys(l, k, Set.of("cpus", "memory", "pids"), false);
                d.limits = resource(l, k);
                if (l.has("pids")) {
                    d.limits.pids = integer(l.get("pids"), k + ".pids");
                }
            }
            if (r.has("reservations")) {
                String k = key + ".resources.reservations";
                YamlMap l = map(r.get("reservations"), k);
                keys(l, k, Set.of("cpus", "memory", "generic_resources"), false);
                d.reservations = resource(l, k);
                if (l.has("generic_resources")) {
                    int i = 0;
                    for (YamlNode g : list(l.get("generic_resources"), k + ".generic_resources").items()) {
                        String gk = k + ".generic_resources[" + i++ + "]";
                        YamlMap gm = map(g, gk);
                        keys(gm, gk, Set.of("discrete_resource_spec"), false);
                        if (gm.has("discrete_resource_spec")) {
                            String dk = gk + ".discrete_resource_spec";
                            YamlMap ds = map(gm.get("discrete_resource_spec"), dk);
                            keys(ds, dk, Set.of("kind", "value"), false);
                            d.reservations.genericResources.add(new DeployConfig.GenericResource(
                                    ds.has("kind") ? string(ds.get("kind"), dk + ".kind") : "",
                                    ds.has("value") ? (long) number(ds.get("value"), dk + ".value") : 0));
                        } else {
                            d.reservations.genericResources.add(null);
                        }
                    }
                }
            }
        }
        if (m.has("restart_policy")) {
            String k = key + ".restart_policy";
            YamlMap r = map(m.get("restart_policy"), k);
            keys(r, k, Set.of("condition", "delay", "max_attempts", "window"), false);
            DeployConfig.RestartPolicy p = new DeployConfig.RestartPolicy();
            if (r.has("condition")) {
                p.condition = string(r.get("condition"), k + ".condition");
            }
            if (r.has("delay")) {
                p.delay = duration(r.get("delay"), k + ".delay");
            }
            if (r.has("max_attempts")) {
                p.maxAttempts = unsigned(r.get("max_attempts"), k + ".max_attempts");
            }
            if (r.has("window")) {
                p.window = duration(r.get("window"), k + ".window");
            }
            d.restartPolicy = p;
        }
        if (m.has("placement")) {
            String k = key + ".placement";
            YamlMap p = map(m.get("placement"), k);
            keys(p, k, Set.of("constraints", "preferences", "max_replicas_per_node"), false);
            if (p.has("constraints")) {
                d.constraints = listOfStrings(p.get("constraints"), k + ".constraints", false);
            }
            if (p.has("preferences")) {
                int i = 0;
                for (YamlNode pref : list(p.get("preferences"), k + ".preferences").items()) {
                    String pk = k + ".preferences[" + i++ + "]";
                    YamlMap pm = map(pref, pk);
                    keys(pm, pk, Set.of("spread"), false);
                    d.preferences.add(pm.has("spread") ? string(pm.get("spread"), pk + ".spread") : "");
                }
            }
            if (p.has("max_replicas_per_node")) {
                d.maxReplicasPerNode = unsigned(p.get("max_replicas_per_node"), k + ".max_replicas_per_node");
            }
        }
        return d;
    }

    private static DeployConfig.Resource resource(YamlMap l, String k) {
        DeployConfig.Resource r = new DeployConfig.Resource();
        if (l.has("cpus")) {
            r.cpus = string(l.get("cpus"), k + ".cpus");
        }
        if (l.has("memory")) {
            String mem = string(l.get("memory"), k + ".memory");
            try {
                r.memoryBytes = MemBytes.parse(mem);
            } catch (InvalidSyntax e) {
                throw error(l.get("memory"), k + ".memory", e.getMessage());
            }
        }
        return r;
    }

    private static DeployConfig.UpdateConfig updateConfig(YamlNode v, String key) {
        YamlMap m = map(v, key);
        keys(m, key, Set.of("parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order"), false);
        DeployConfig.UpdateConfig u = new DeployConfig.UpdateConfig();
        if (m.has("parallelism")) {
            u.parallelism = unsigned(m.get("parallelism"), key + ".parallelism");
        }
        if (m.has("delay")) {
            u.delay = duration(m.get("delay"), key + ".delay");
        }
        if (m.has("failure_action")) {
            u.failureAction = string(m.get("failure_action"), key + ".failure_action");
        }
        if (m.has("monitor")) {
            u.monitor = duration(m.get("monitor"), key + ".monitor");
        }
        if (m.has("max_failure_ratio")) {
            u.maxFailureRatio = (float) number(m.get("max_failure_ratio"), key + ".max_failure_ratio");
        }
        if (m.has("order")) {
            u.order = string(m.get("order"), key + ".order");
            if (!u.order.equals("start-first") && !u.order.equals("stop-first")) {
                throw error(m.get("order"), key + ".order", "must be one of the following: \"start-first\", \"stop-first\"");
            }
        }
        return u;
    }

    /** env_file entries, then environment; an empty or bare value takes the variable from the environment. */
    private void resolveEnvironment(ServiceConfig s, YamlMap m) {
        Map<String, String> result = new LinkedHashMap<>();
        if (!s.envFile.isEmpty()) {
            Map<String, String> fileVars = new LinkedHashMap<>();
            for (String f : s.envFile) {
                Path p = workingDir.resolve(f);
                try {
                    fileVars.putAll(EnvFile.variables(p, env));
                } catch (InvalidSyntax e) {
                    throw error(m.get("env_file"), "services." + s.name + ".env_file", e.getMessage());
                }
            }
            update(result, fileVars);
        }
        update(result, s.environment);
        s.environment = result;
    }

    private void update(Map<String, String> into, Map<String, String> vars) {
        vars.forEach((k, v) -> {
            String fromEnv = env.get(k);
            if ((v == null || v.isEmpty()) && fromEnv != null) {
                into.put(k, fromEnv);
            } else {
                into.put(k, v);
            }
        });
    }

    private void resolveBindPaths(ServiceConfig s, YamlMap m) {
        for (VolumeMount v : s.volumes) {
            if (!v.type.equals("bind")) {
                continue;
            }
            if (v.source.isEmpty()) {
                throw error(m.get("volumes"), "services." + s.name + ".volumes",
                        "invalid mount config for type \"bind\": field Source must not be empty");
            }
            String src = v.source;
            if (src.startsWith("~")) {
                String home = env.get("HOME");
                if (home == null) {
                    warnings.accept("cannot expand '~', because the environment lacks HOME");
                } else {
                    src = home + src.substring(1);
                }
            }
            if (!src.startsWith("/") && !src.matches("^[a-zA-Z]:[\\\\/].*") && !src.startsWith("\\\\")) {
                src = workingDir.resolve(src).normalize().toString();
            }
            v.source = src;
        }
    }

    // ---- top-level objects --------------------------------------------------------------------

    private NetworkConfig network(String name, YamlNode v, String version) {
        String key = "networks." + name;
        NetworkConfig n = new NetworkConfig();
        YamlMap m = mapOrNull(v, key);
        if (m == null) {
            return n;
        }
        keys(m, key, Set.of("name", "driver", "driver_opts", "ipam", "external", "internal", "attachable", "labels"), true);
        if (m.has("name")) {
            n.name = string(m.get("name"), key + ".name");
        }
        if (m.has("driver")) {
            n.driver = string(m.get("driver"), key + ".driver");
        }
        if (m.has("driver_opts")) {
            n.driverOpts = stringMap(m.get("driver_opts"), key + ".driver_opts", false);
        }
        if (m.has("ipam")) {
            YamlMap ipam = map(m.get("ipam"), key + ".ipam");
            keys(ipam, key + ".ipam", Set.of("driver", "config"), false);
            n.ipam = true;
            if (ipam.has("driver")) {
                n.ipamDriver = string(ipam.get("driver"), key + ".ipam.driver");
            }
            if (ipam.has("config")) {
                int i = 0;
                for (YamlNode c : list(ipam.get("config"), key + ".ipam.config").items()) {
                    String ck = key + ".ipam.config[" + i++ + "]";
                    YamlMap cm = map(c, ck);
                    keys(cm, ck, Set.of("subnet"), false);
                    n.ipamSubnets.add(cm.has("subnet") ? string(cm.get("subnet"), ck + ".subnet") : "");
                }
            }
        }
        String externalName = external(m, key, true);
        n.external = externalName != null;
        if (m.has("internal")) {
            n.internal = bool(m.get("internal"), key + ".internal");
        }
        if (m.has("attachable")) {
            n.attachable = bool(m.get("attachable"), key + ".attachable");
        }
        if (m.has("labels")) {
            n.labels = listOrDict(m.get("labels"), key + ".labels", "=", false);
        }
        n.extras = extras(m);
        if (n.external) {
            if (!externalName.isEmpty()) {
                if (!n.name.isEmpty()) {
                    throw error(m, key, "network " + name + ": network.external.name and network.name conflict; only use network.name");
                }
                if (versionAtLeast(version, "3.5")) {
                    warnings.accept("network " + name + ": network.external.name is deprecated in favor of network.name");
                }
                n.name = externalName;
            } else if (n.name.isEmpty()) {
                n.name = name;
            }
        }
        return n;
    }

    /** null: not external; "" external without a name; else the deprecated external.name. */
    private static String external(YamlMap m, String key, boolean strict) {
        if (!m.has("external")) {
            return null;
        }
        YamlNode e = m.get("external");
        if (e instanceof YamlScalar s && s.value() instanceof Boolean b) {
            return b ? "" : null;
        }
        if (e instanceof YamlMap em) {
            if (strict) {
                keys(em, key + ".external", Set.of("name"), false);
            }
            return em.has("name") ? string(em.get("name"), key + ".external.name") : "";
        }
        throw error(e, key + ".external", "must be a boolean or mapping");
    }

    private VolumeConfig volume(String name, YamlNode v, String version) {
        String key = "volumes." + name;
        VolumeConfig vc = new VolumeConfig();
        YamlMap m = mapOrNull(v, key);
        if (m == null) {
            return vc;
        }
        keys(m, key, Set.of("name", "driver", "driver_opts", "external", "labels", "x-cluster-spec"), true);
        if (m.has("name")) {
            vc.name = string(m.get("name"), key + ".name");
        }
        if (m.has("driver")) {
            vc.driver = string(m.get("driver"), key + ".driver");
        }
        if (m.has("driver_opts")) {
            vc.driverOpts = stringMap(m.get("driver_opts"), key + ".driver_opts", false);
        }
        if (m.has("labels")) {
            vc.labels = listOrDict(m.get("labels"), key + ".labels", "=", false);
        }
        vc.extras = extras(m);
        String externalName = external(m, key, true);
        vc.external = externalName != null;
        if (vc.external) {
            String conflict = !vc.driver.isEmpty() ? "driver" : !vc.driverOpts.isEmpty() ? "driver_opts"
                    : !vc.labels.isEmpty() ? "labels" : null;
            if (conflict != null) {
                throw error(m, key, "conflicting parameters \"external\" and \"" + conflict + "\" specified for volume \"" + name + "\"");
            }
            if (!externalName.isEmpty()) {
                if (!vc.name.isEmpty()) {
                    throw error(m, key, "volume " + name + ": volume.external.name and volume.name conflict; only use volume.name");
                }
                if (versionAtLeast(version, "3.4")) {
                    warnings.accept("volume " + name + ": volume.external.name is deprecated in favor of volume.name");
                }
                vc.name = externalName;
            } else if (vc.name.isEmpty()) {
                vc.name = name;
            }
        }
        return vc;
    }

    private FileObjectConfig fileObject(String type, String name, YamlNode v, String version) {
        String key = type + "s." + name;
        YamlMap m = map(v, key);
        boolean secret = type.equals("secret");
        keys(m, key, secret ? Set.of("name", "file", "external", "labels", "driver", "driver_opts", "template_driver")
                : Set.of("name", "file", "external", "labels", "template_driver"), true);
        FileObjectConfig o = new FileObjectConfig();
        o.fileMark = m.mark();
        if (m.has("name")) {
            o.name = string(m.get("name"), key + ".name");
        }
        if (m.has("file")) {
            o.file = string(m.get("file"), key + ".file");
            o.fileMark = m.get("file").mark();
        }
        if (m.has("labels")) {
            o.labels = listOrDict(m.get("labels"), key + ".labels", "=", false);
        }
        if (m.has("driver")) {
            o.driver = string(m.get("driver"), key + ".driver");
        }
        if (m.has("driver_opts")) {
            o.driverOpts = stringMap(m.get("driver_opts"), key + ".driver_opts", false);
        }
        if (m.has("template_driver")) {
            o.templateDriver = string(m.get("template_driver"), key + ".template_driver");
        }
        o.extras = extras(m);
        String externalName = external(m, key, false);
        o.external = externalName != null;
        if (o.external) {
            if (!externalName.isEmpty()) {
                if (!o.name.isEmpty()) {
                    throw error(m, key, type + " " + name + ": " + type + ".external.name and " + type + ".name conflict; only use "
                            + type + ".name");
                }
                if (versionAtLeast(version, "3.5")) {
                    warnings.accept(type + " " + name + ": " + type + ".external.name is deprecated in favor of " + type + ".name");
                }
                o.name = externalName;
            } else if (o.name.isEmpty()) {
                o.name = name;
            }
        } else if (!o.driver.isEmpty()) {
            if (!o.file.isEmpty()) {
                throw error(m, key, type + " " + name + ": " + type + ".driver and " + type + ".file conflict; only use " + type + ".driver");
            }
        } else {
            o.file = workingDir.resolve(o.file).normalize().toString();
        }
        return o;
    }

    /** docker's versions.GreaterThanOrEqualTo on dotted versions. */
    static boolean versionAtLeast(String v, String other) {
        String[] a = v.split("\\.");
        String[] b = other.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? parseOrZero(a[i]) : 0;
            int y = i < b.length ? parseOrZero(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
