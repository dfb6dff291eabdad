package io.swarmops.compose;

import io.swarmops.compose.model.ComposeConfig;
import io.swarmops.compose.model.DeployConfig;
import io.swarmops.compose.model.ServiceConfig;
import io.swarmops.compose.model.TopLevelObjects.FileObjectConfig;
import io.swarmops.compose.model.TopLevelObjects.NetworkConfig;
import io.swarmops.compose.model.TopLevelObjects.VolumeConfig;
import io.swarmops.ops.opts.GoDuration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code stack config}: the loaded configuration as YAML, keys in the order docker prints them
 * (version, services, networks, volumes, secrets, configs, then x- fields; service keys sorted),
 * empty values left out, sizes in bytes and durations as Go prints them.
 */
public final class ComposeConfigYaml {
    private ComposeConfigYaml() {
    }

    public static String render(ComposeConfig c) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("version", c.version);
        Map<String, Object> services = new TreeMap<>();
        c.services.values().forEach(s -> services.put(s.name, service(s)));
        top.put("services", services);
        put(top, "networks", objects(c.networks, ComposeConfigYaml::network));
        put(top, "volumes", objects(c.volumes, ComposeConfigYaml::volume));
        put(top, "secrets", objects(c.secrets, ComposeConfigYaml::fileObject));
        put(top, "configs", objects(c.configs, ComposeConfigYaml::fileObject));
        new TreeMap<>(c.extras).forEach(top::put);
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setIndicatorIndent(2);
        o.setIndentWithIndicator(true);
        o.setWidth(Integer.MAX_VALUE);
        return new Yaml(o).dump(top);
    }

    private static <T> Map<String, Object> objects(Map<String, T> m, java.util.function.Function<T, Object> f) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, f.apply(v)));
        return out;
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v == null || v instanceof String s && s.isEmpty() || v instanceof Map<?, ?> mm && mm.isEmpty()
                || v instanceof List<?> l && l.isEmpty() || Boolean.FALSE.equals(v) || v instanceof Long n && n == 0) {
            return;
        }
        m.put(k, v);
    }

    private static Object service(ServiceConfig s) {
        Map<String, Object> m = new TreeMap<>();
        put(m, "build", s.build);
        put(m, "cap_add", s.capAdd);
        put(m, "cap_drop", s.capDrop);
        put(m, "cgroup_parent", s.cgroupParent);
        put(m, "command", s.command);
        List<Object> configs = new ArrayList<>();
        s.configs.forEach(r -> configs.add(ref(r)));
        put(m, "configs", configs);
        put(m, "container_name", s.containerName);
        put(m, "depends_on", s.dependsOn);
        put(m, "deploy", deploy(s.deploy));
        put(m, "devices", s.devices);
        put(m, "dns", s.dns);
        put(m, "dns_search", s.dnsSearch);
        put(m, "domainname", s.domainname);
        put(m, "entrypoint", s.entrypoint);
        put(m, "environment", new TreeMap<>(s.environment));
        put(m, "expose", s.expose);
        put(m, "external_links", s.externalLinks);
        put(m, "extra_hosts", s.extraHosts);
        put(m, "hostname", s.hostname);
        if (s.healthcheck != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            put(h, "test", s.healthcheck.test);
            dur(h, "timeout", s.healthcheck.timeout);
            dur(h, "interval", s.healthcheck.interval);
            put(h, "retries", s.healthcheck.retries);
            dur(h, "start_period", s.healthcheck.startPeriod);
            dur(h, "start_interval", s.healthcheck.startInterval);
            put(h, "disable", s.healthcheck.disable);
            m.put("healthcheck", h);
        }
        put(m, "image", s.image);
        put(m, "init", s.init);
        put(m, "ipc", s.ipc);
        put(m, "isolation", s.isolation);
        put(m, "labels", new TreeMap<>(s.labels));
        put(m, "links", s.links);
        if (s.logging != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            put(l, "driver", s.logging.driver);
            put(l, "options", new TreeMap<>(s.logging.options));
            m.put("logging", l);
        }
        put(m, "mac_address", s.macAddress);
        put(m, "network_mode", s.networkMode);
        Map<String, Object> nets = new TreeMap<>();
        s.networks.forEach((k, v) -> {
            if (v == null) {
                nets.put(k, null);
            } else {
                Map<String, Object> n = new LinkedHashMap<>();
                put(n, "aliases", v.aliases);
                put(n, "driver_opts", v.driverOpts);
                put(n, "ipv4_address", v.ipv4Address);
                put(n, "ipv6_address", v.ipv6Address);
                nets.put(k, n);
            }
        });
        put(m, "networks", nets);
        put(m, "pid", s.pid);
        List<Object> ports = new ArrayList<>();
        s.ports.forEach(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            put(pm, "mode", p.mode());
            put(pm, "target", p.target());
            put(pm, "published", p.published());
            put(pm, "protocol", p.protocol());
            ports.add(pm);
        });
        put(m, "ports", ports);
        put(m, "privileged", s.privileged);
        put(m, "read_only", s.readOnly);
        put(m, "restart", s.restart);
        List<Object> secrets = new ArrayList<>();
        s.secrets.forEach(r -> secrets.add(ref(r)));
        put(m, "secrets", secrets);
        put(m, "security_opt", s.securityOpt);
        put(m, "shm_size", s.shmSize);
        put(m, "stdin_open", s.stdinOpen);
        dur(m, "stop_grace_period", s.stopGracePeriod);
        put(m, "stop_signal", s.stopSignal);
        put(m, "sysctls", new TreeMap<>(s.sysctls));
        put(m, "tmpfs", s.tmpfs);
        put(m, "tty", s.tty);
        Map<String, Object> ul = new TreeMap<>();
        s.ulimits.forEach((k, u) -> ul.put(k, u.single() != 0 ? (Object) u.single() : new LinkedHashMap<>(Map.of("soft", u.soft(), "hard", u.hard()))));
        put(m, "ulimits", ul);
        put(m, "user", s.user);
        put(m, "userns_mode", s.usernsMode);
        List<Object> vols = new ArrayList<>();
        s.volumes.forEach(v -> {
            Map<String, Object> vm = new LinkedHashMap<>();
            put(vm, "type", v.type);
            put(vm, "source", v.source);
            put(vm, "target", v.target);
            put(vm, "read_only", v.readOnly);
            put(vm, "consistency", v.consistency);
            if (v.bindPropagation != null) {
                vm.put("bind", v.bindPropagation.isEmpty() ? Map.of() : Map.of("propagation", v.bindPropagation));
            }
            if (v.volumeNoCopy != null) {
                vm.put("volume", v.volumeNoCopy ? Map.of("nocopy", true) : Map.of());
            }
            if (v.tmpfsOptions) {
                vm.put("tmpfs", v.tmpfsSize == null || v.tmpfsSize == 0 ? Map.of() : Map.of("size", v.tmpfsSize));
            }
            vols.add(vm);
        });
        put(m, "volumes", vols);
        put(m, "working_dir", s.workingDir);
        new TreeMap<>(s.extras).forEach(m::put);
        return m;
    }

    private static void dur(Map<String, Object> m, String k, Long nanos) {
        if (nanos != null) {
            m.put(k, GoDuration.format(nanos));
        }
    }

    private static Object ref(ServiceConfig.FileReference r) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "source", r.source());
        put(m, "target", r.target());
        put(m, "uid", r.uid());
        put(m, "gid", r.gid());
        if (r.mode() != null) {
            m.put("mode", r.mode());
        }
        return m;
    }

    private static Object deploy(DeployConfig d) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "mode", d.mode);
        if (d.replicas != null) {
            m.put("replicas", d.replicas);
        }
        put(m, "labels", new TreeMap<>(d.labels));
        put(m, "update_config", update(d.updateConfig));
        put(m, "rollback_config", update(d.rollbackConfig));
        Map<String, Object> res = new LinkedHashMap<>();
        put(res, "limits", resource(d.limits, true));
        put(res, "reservations", resource(d.reservations, false));
        put(m, "resources", res);
        if (d.restartPolicy != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            put(r, "condition", d.restartPolicy.condition);
            dur(r, "delay", d.restartPolicy.delay);
            if (d.restartPolicy.maxAttempts != null) {
                r.put("max_attempts", d.restartPolicy.maxAttempts);
            }
            dur(r, "window", d.restartPolicy.window);
            m.put("restart_policy", r);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        put(p, "constraints", d.constraints);
        List<Object> prefs = new ArrayList<>();
        d.preferences.forEach(x -> prefs.add(Map.of("spread", x)));
        put(p, "preferences", prefs);
        put(p, "max_replicas_per_node", d.maxReplicasPerNode);
        put(m, "placement", p);
        put(m, "endpoint_mode", d.endpointMode);
        return m;
    }

    private static Object update(DeployConfig.UpdateConfig u) {
        if (u == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (u.parallelism != null) {
            m.put("parallelism", u.parallelism);
        }
        if (u.delay != 0) {
            m.put("delay", GoDuration.format(u.delay));
        }
        put(m, "failure_action", u.failureAction);
        if (u.monitor != 0) {
            m.put("monitor", GoDuration.format(u.monitor));
        }
        if (u.maxFailureRatio != 0) {
            m.put("max_failure_ratio", (double) u.maxFailureRatio);
        }
        put(m, "order", u.order);
        return m;
    }

    private static Object resource(DeployConfig.Resource r, boolean limits) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "cpus", r.cpus);
        if (r.memoryBytes != 0) {
            m.put("memory", String.valueOf(r.memoryBytes));
        }
        if (limits) {
            put(m, "pids", r.pids);
        }
        return m;
    }

    private static Object network(NetworkConfig n) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", n.name);
        put(m, "driver", n.driver);
        put(m, "driver_opts", n.driverOpts);
        if (n.ipam) {
            Map<String, Object> ipam = new LinkedHashMap<>();
            put(ipam, "driver", n.ipamDriver);
            List<Object> cfg = new ArrayList<>();
            n.ipamSubnets.forEach(s -> cfg.add(Map.of("subnet", s)));
            put(ipam, "config", cfg);
            m.put("ipam", ipam);
        }
        if (n.external) {
            m.put("external", true);
        }
        put(m, "internal", n.internal);
        put(m, "attachable", n.attachable);
        put(m, "labels", n.labels);
        n.extras.forEach(m::put);
        return m.isEmpty() ? null : m;
    }

    private static Object volume(VolumeConfig v) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", v.name);
        put(m, "driver", v.driver);
        put(m, "driver_opts", v.driverOpts);
        if (v.external) {
            m.put("external", true);
        }
        put(m, "labels", v.labels);
        v.extras.forEach(m::put);
        return m.isEmpty() ? null : m;
    }

    private static Object fileObject(FileObjectConfig o) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", o.name);
        put(m, "file", o.external ? "" : o.file);
        if (o.external) {
            m.put("external", true);
        }
        put(m, "labels", o.labels);
        put(m, "driver", o.driver);
        put(m, "driver_opts", o.driverOpts);
        put(m, "template_driver", o.templateDriver);
        o.extras.forEach(m::put);
        return m;
    }
}
