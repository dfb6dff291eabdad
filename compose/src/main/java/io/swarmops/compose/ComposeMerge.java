package io.swarmops.compose;

import io.swarmops.compose.model.ComposeConfig;
import io.swarmops.compose.model.DeployConfig;
import io.swarmops.compose.model.ServiceConfig;
import io.swarmops.compose.model.ServiceConfig.FileReference;
import io.swarmops.compose.model.ServiceConfig.PortConfig;
import io.swarmops.compose.model.ServiceConfig.VolumeMount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several {@code -c} files merged as docker's {@code loader/merge.go} merges them (mergo with
 * override and appended slices): scalars set in a later file win, lists are appended, maps merged
 * key by key; ports, secrets, configs and volumes are merged by identity (published port — so unpublished
 * ports collapse into one, as in docker 28 —, source, target)
 * and sorted; command and entrypoint are replaced; top-level objects are replaced whole.
 */
final class ComposeMerge {
    private ComposeMerge() {
    }

    static ComposeConfig merge(List<ComposeConfig> configs) {
        ComposeConfig base = configs.get(0);
        for (ComposeConfig over : configs.subList(1, configs.size())) {
            for (ServiceConfig s : over.services.values()) {
                ServiceConfig b = base.services.get(s.name);
                base.services.put(s.name, b == null ? s : service(b, s));
            }
            base.networks.putAll(over.networks);
            base.volumes.putAll(over.volumes);
            base.secrets.putAll(over.secrets);
            base.configs.putAll(over.configs);
        }
        return base;
    }

    private static String str(String b, String o) {
        return o.isEmpty() ? b : o;
    }

    private static <T> List<T> append(List<T> b, List<T> o) {
        List<T> out = new ArrayList<>(b);
        out.addAll(o);
        return out;
    }

    private static <V> Map<String, V> mapMerge(Map<String, V> b, Map<String, V> o) {
        Map<String, V> out = new LinkedHashMap<>(b);
        out.putAll(o);
        return out;
    }

    private static Long ptr(Long b, Long o) {
        return o == null ? b : (b == null ? o : (o != 0 ? o : b));
    }

    static ServiceConfig service(ServiceConfig b, ServiceConfig o) {
        if (o.build != null) {
            b.build = b.build == null ? o.build : mapMerge(b.build, o.build);
        }
        b.capAdd = append(b.capAdd, o.capAdd);
        b.capDrop = append(b.capDrop, o.capDrop);
        b.cgroupnsMode = str(b.cgroupnsMode, o.cgroupnsMode);
        b.cgroupParent = str(b.cgroupParent, o.cgroupParent);
        if (!o.command.isEmpty()) {
            b.command = o.command;
        }
        b.configs = byKey(b.configs, o.configs, FileReference::source, Comparator.comparing(FileReference::source));
        b.containerName = str(b.containerName, o.containerName);
        b.credentialSpec = new ServiceConfig.CredentialSpec(str(b.credentialSpec.config(), o.credentialSpec.config()),
                str(b.credentialSpec.file(), o.credentialSpec.file()), str(b.credentialSpec.registry(), o.credentialSpec.registry()));
        b.dependsOn = append(b.dependsOn, o.dependsOn);
        b.deploy = deploy(b.deploy, o.deploy);
        b.devices = append(b.devices, o.devices);
        b.dns = append(b.dns, o.dns);
        b.dnsSearch = append(b.dnsSearch, o.dnsSearch);
        b.domainname = str(b.domainname, o.domainname);
        if (!o.entrypoint.isEmpty()) {
            b.entrypoint = o.entrypoint;
        }
        b.environment = mapMerge(b.environment, o.environment);
        b.envFile = append(b.envFile, o.envFile);
        b.expose = append(b.expose, o.expose);
        b.externalLinks = append(b.externalLinks, o.externalLinks);
        b.extraHosts = append(b.extraHosts, o.extraHosts);
        b.hostname = str(b.hostname, o.hostname);
        if (o.healthcheck != null) {
            if (b.healthcheck == null) {
                b.healthcheck = o.healthcheck;
            } else {
                ServiceConfig.HealthCheck h = b.healthcheck;
                ServiceConfig.HealthCheck x = o.healthcheck;
                h.test = append(h.test, x.test); // mergo appends this slice too
                h.timeout = ptr(h.timeout, x.timeout);
                h.interval = ptr(h.interval, x.interval);
                h.retries = x.retries != null ? x.retries : h.retries;
                h.startPeriod = ptr(h.startPeriod, x.startPeriod);
                h.startInterval = ptr(h.startInterval, x.startInterval);
                h.disable = h.disable || x.disable;
            }
        }
        b.image = str(b.image, o.image);
        if (o.init != null && (b.init == null || o.init)) {
            b.init = o.init;
        }
        b.ipc = str(b.ipc, o.ipc);
        b.isolation = str(b.isolation, o.isolation);
        b.labels = mapMerge(b.labels, o.labels);
        b.links = append(b.links, o.links);
        if (o.logging != null) {
            if (b.logging == null) {
                b.logging = o.logging;
            } else if (b.logging.driver.equals(o.logging.driver) || b.logging.driver.isEmpty() || o.logging.driver.isEmpty()) {
                b.logging.driver = str(b.logging.driver, o.logging.driver);
                b.logging.options = mapMerge(b.logging.options, o.logging.options);
            } else {
                b.logging = o.logging;
            }
        }
        b.macAddress = str(b.macAddress, o.macAddress);
        b.networkMode = str(b.networkMode, o.networkMode);
        Map<String, ServiceConfig.ServiceNetwork> nets = new LinkedHashMap<>(b.networks);
        o.networks.forEach((name, n) -> {
            ServiceConfig.ServiceNetwork cur = nets.get(name);
            if (cur == null || n == null) {
                if (cur == null) {
                    nets.put(name, n);
                }
                return;
            }
            cur.aliases = n.aliases;
            cur.ipv4Address = str(cur.ipv4Address, n.ipv4Address);
            cur.ipv6Address = str(cur.ipv6Address, n.ipv6Address);
        });
        b.networks = nets;
        b.pid = str(b.pid, o.pid);
        b.ports = b.ports.isEmpty() ? append(b.ports, o.ports)
                : byKey(b.ports, o.ports, PortConfig::published, Comparator.comparingLong(PortConfig::published));
        b.privileged |= o.privileged;
        b.readOnly |= o.readOnly;
        b.restart = str(b.restart, o.restart);
        b.secrets = byKey(b.secrets, o.secrets, FileReference::source, Comparator.comparing(FileReference::source));
        b.securityOpt = append(b.securityOpt, o.securityOpt);
        b.shmSize = str(b.shmSize, o.shmSize);
        b.stdinOpen |= o.stdinOpen;
        b.stopGracePeriod = ptr(b.stopGracePeriod, o.stopGracePeriod);
        b.stopSignal = str(b.stopSignal, o.stopSignal);
        b.sysctls = mapMerge(b.sysctls, o.sysctls);
        b.tmpfs = append(b.tmpfs, o.tmpfs);
        b.tty |= o.tty;
        b.ulimits = mapMerge(b.ulimits, o.ulimits);
        b.user = str(b.user, o.user);
        b.usernsMode = str(b.usernsMode, o.usernsMode);
        b.volumes = byKey(b.volumes, o.volumes, v -> v.target, Comparator.comparing((VolumeMount v) -> v.target));
        b.workingDir = str(b.workingDir, o.workingDir);
        if (o.oomScoreAdj != 0) {
            b.oomScoreAdj = o.oomScoreAdj;
        }
        b.extras = mapMerge(b.extras, o.extras);
        return b;
    }

    /** mergo's transformer for keyed slices: only when the base has entries; else the override is appended. */
    private static <T, K> List<T> byKey(List<T> b, List<T> o, java.util.function.Function<T, K> key, Comparator<T> order) {
        if (b.isEmpty()) {
            return append(b, o);
        }
        Map<K, T> m = new LinkedHashMap<>();
        b.forEach(x -> m.put(key.apply(x), x));
        o.forEach(x -> m.put(key.apply(x), x));
        List<T> out = new ArrayList<>(m.values());
        out.sort(order);
        return out;
    }

    private static DeployConfig deploy(DeployConfig b, DeployConfig o) {
        b.mode = str(b.mode, o.mode);
        if (o.replicas != null) {
            b.replicas = o.replicas;
        }
        b.labels = mapMerge(b.labels, o.labels);
        b.updateConfig = update(b.updateConfig, o.updateConfig);
        b.rollbackConfig = update(b.rollbackConfig, o.rollbackConfig);
        b.limits = resource(b.limits, o.limits);
        b.reservations = resource(b.reservations, o.reservations);
        if (o.restartPolicy != null) {
            if (b.restartPolicy == null) {
                b.restartPolicy = o.restartPolicy;
            } else {
                b.restartPolicy.condition = str(b.restartPolicy.condition, o.restartPolicy.condition);
                b.restartPolicy.delay = ptr(b.restartPolicy.delay, o.restartPolicy.delay);
                if (o.restartPolicy.maxAttempts != null) {
                    b.restartPolicy.maxAttempts = o.restartPolicy.maxAttempts;
                }
                b.restartPolicy.window = ptr(b.restartPolicy.window, o.restartPolicy.window);
            }
        }
        b.constraints = append(b.constraints, o.constraints);
        b.preferences = append(b.preferences, o.preferences);
        if (o.maxReplicasPerNode != 0) {
            b.maxReplicasPerNode = o.maxReplicasPerNode;
        }
        b.endpointMode = str(b.endpointMode, o.endpointMode);
        return b;
    }

    private static DeployConfig.UpdateConfig update(DeployConfig.UpdateConfig b, DeployConfig.UpdateConfig o) {
        if (o == null) {
            return b;
        }
        if (b == null) {
            return o;
        }
        if (o.parallelism != null) {
            b.parallelism = o.parallelism;
        }
        b.delay = o.delay != 0 ? o.delay : b.delay;
        b.failureAction = str(b.failureAction, o.failureAction);
        b.monitor = o.monitor != 0 ? o.monitor : b.monitor;
        b.maxFailureRatio = o.maxFailureRatio != 0 ? o.maxFailureRatio : b.maxFailureRatio;
        b.order = str(b.order, o.order);
        return b;
    }

    private static DeployConfig.Resource resource(DeployConfig.Resource b, DeployConfig.Resource o) {
        if (o == null) {
            return b;
        }
        if (b == null) {
            return o;
        }
        b.cpus = str(b.cpus, o.cpus);
        b.memoryBytes = o.memoryBytes != 0 ? o.memoryBytes : b.memoryBytes;
        b.pids = o.pids != 0 ? o.pids : b.pids;
        b.genericResources = append(b.genericResources, o.genericResources);
        return b;
    }
}
