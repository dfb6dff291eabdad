package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.testing.DockerCli;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same flags given to the docker CLI and to swarmops, on a real swarm: the specs the daemon
 * stores must be equal field for field, for {@code service create} and for {@code service update}
 * (which must also leave what it has no flag for, Ulimits, Sysctls, CapabilityAdd, as it was).
 */
class ServiceParityIT {
    private static final String IMAGE = BusyboxImage.NAME;
    static TestSwarm swarm;
    static String host;
    static DockerCli docker;
    /** IDs of the secrets svcsec1 and svcsec2 and of the configs svccfg1 and svccfg2. */
    static final java.util.Map<String, String> IDS = new java.util.HashMap<>();

    @BeforeAll
    static void up() throws Exception {
        swarm = TestSwarm.start("svc", 1, 1);
        host = swarm.managerHost();
        docker = DockerCli.against(host);
        docker.ok("network", "create", "-d", "overlay", "svcnet");
        docker.ok("network", "create", "-d", "overlay", "svcnet2");
        try (SwarmGateway g = swarm.gateway()) {
            for (String name : List.of("svcsec1", "svcsec2")) {
                IDS.put(name, g.createSecret((ObjectNode) Json.MAPPER.readTree("{\"Name\":\"" + name + "\",\"Data\":\"c2VjcmV0\"}")));
            }
            for (String name : List.of("svccfg1", "svccfg2")) {
                IDS.put(name, g.createConfig((ObjectNode) Json.MAPPER.readTree("{\"Name\":\"" + name + "\",\"Data\":\"Y29uZmln\"}")));
            }
        }
    }

    @AfterAll
    static void down() {
        swarm.close();
    }

    static final List<List<String>> CREATES = List.of(
            List.of("--name", "p1", IMAGE, "sleep", "3600"),
            List.of("--name", "p2", "--replicas", "2", "-e", "A=1", "--env", "B=2", "-e", "A=3", "-l", "team=ops", "-l", "tier",
                    "--container-label", "c=d", "--constraint", "node.role==manager", "--placement-pref", "spread=node.labels.rack",
                    "--replicas-max-per-node", "2", "-p", "18080:80", "-p", "published=18053,target=53,protocol=udp,mode=host",
                    "-p", "18090-18091:90-91/udp", "--mount", "type=bind,source=/tmp,target=/data,readonly",
                    "--mount", "type=volume,source=svcvol,target=/v,volume-driver=local,volume-nocopy,volume-label=k=v",
                    "--mount", "type=tmpfs,target=/scratch,tmpfs-size=64m,tmpfs-mode=1770",
                    "--reserve-cpu", "0.01", "--reserve-memory", "4M", "--limit-cpu", "1.25", "--limit-memory", "1g",
                    "--update-parallelism", "2", "--update-delay", "10s", "--update-failure-action", "rollback",
                    "--update-monitor", "30s", "--update-max-failure-ratio", "0.1", "--update-order", "start-first",
                    "--rollback-parallelism", "0", "--rollback-order", "start-first",
                    "--restart-condition", "on-failure", "--restart-delay", "3s", "--restart-max-attempts", "4", "--restart-window", "1m",
                    "--hostname", "h1", "--user", "1000:1000", "--workdir", "/srv", "--entrypoint", "sh -c 'exec \"$0\" \"$@\"'",
                    "--stop-grace-period", "1s", "--stop-signal", "SIGINT", "--init", "-t", "--read-only", "--limit-pids", "100",
                    IMAGE, "sleep", "3600"),
            List.of("--name", "p3", "--mode", "global", "--endpoint-mode", "dnsrr", "--network", "svcnet",
                    "--network", "name=svcnet2,alias=db", IMAGE, "sleep", "3600"),
            List.of("--name", "p4", "--mode", "replicated-job", "--replicas", "3", "--max-concurrent", "2", IMAGE, "true"),
            List.of("--name", "p5", "--mode", "global-job", "--restart-condition", "none", IMAGE, "true"),
            // one secret, one config and one generic resource each: docker orders several as a Go map iterates
            List.of("--name", "p6", "--secret", "svcsec1", "--config", "source=svccfg2,target=/etc/app.conf,uid=1000,gid=1000,mode=0440",
                    "--dns", "8.8.8.8", "--dns", "0:0::1", "--dns-search", "example.com.", "--dns-option", "ndots:2",
                    "--group", "audio", "--group", "100", "--sysctl", "net.core.somaxconn=1024", "--sysctl", "net.ipv4.ip_forward",
                    "--ulimit", "nproc=64", "--ulimit", "nofile=1024:2048", "--ulimit", "nproc=32:64",
                    "--health-cmd", "wget -q localhost", "--health-interval", "10s", "--health-timeout", "2s", "--health-retries", "3",
                    "--health-start-period", "30s", "--log-driver", "json-file", "--log-opt", "max-size=10m", "--log-opt", "max-file=3",
                    "--cap-add", "net_admin", "--cap-add", "CAP_SYS_TIME", "--cap-drop", "mknod", "--cap-drop", "sys_time",
                    "--isolation", "default", IMAGE, "sleep", "3600"),
            List.of("--name", "p7", "--secret", "source=svcsec2,target=pw,uid=1000,gid=1000,mode=0400", "--config", "svccfg1",
                    "--no-healthcheck", "--cap-add", "ALL", "--cap-drop", "sys_time", "--generic-resource", "gpu=2",
                    "--log-opt", "max-size=1m", IMAGE, "sleep", "3600"));

    static final String TEMPLATE = "{{.ID}} {{.Spec.Name}} {{.Spec.Labels}} {{index .Spec.Labels \"team\"}} {{json .Spec.Mode}}"
            + " {{json .Spec.TaskTemplate.Placement}} {{.Spec.TaskTemplate.ContainerSpec.Args}} {{.Spec.EndpointSpec.Mode}}";

    @Test
    void createStoresWhatDockerStores() {
        for (List<String> flags : CREATES) {
            String name = flags.get(1);
            docker.ok(with(List.of("service", "create", "-d", "--no-resolve-image"), flags));
            JsonNode byDocker = specOf(name);
            String prettyByDocker = docker.ok("service", "inspect", "--pretty", name).replace(idOf(name), "ID")
                    + docker.ok("service", "inspect", "-f", TEMPLATE, name).replace(idOf(name), "ID");
            docker.ok("service", "rm", name);
            CliRun r = swarmops(with(List.of("service", "create", "-d", "--no-resolve-image"), flags));
            assertEquals(0, r.code(), r.err());
            JsonNode bySwarmops = specOf(name);
            String prettyBySwarmops = swarmops(List.of("service", "inspect", "--pretty", name)).out().replace(idOf(name), "ID")
                    + swarmops(List.of("service", "inspect", "-f", TEMPLATE, name)).out().replace(idOf(name), "ID");
            swarmops(List.of("service", "rm", name));
            assertEquals(byDocker, bySwarmops, "service create " + String.join(" ", flags));
            assertEquals(prettyByDocker, prettyBySwarmops, "service inspect --pretty and -f after service create " + String.join(" ", flags));
        }
    }

    @Test
    void logsAndListsPrintWhatDockerPrints() throws Exception {
        CliRun created = swarmops(List.of("service", "create", "--name", "echo", "--replicas", "2", "--no-resolve-image",
                "-p", "18111:80", "-p", "18112:81", IMAGE, "sh", "-c", "echo out-$HOSTNAME; echo err >&2; sleep 3600"));
        assertEquals(0, created.code(), created.err());
        swarmops(List.of("service", "create", "--name", "g", "--mode", "global", "--no-resolve-image", IMAGE, "sleep", "3600"));
        for (List<String> args : List.of(List.of("service", "logs", "echo"), List.of("service", "logs", "--no-trunc", "--no-resolve", "echo"),
                List.of("service", "logs", "--raw", "echo"))) {
            DockerCli.Run byDocker = new DockerCli.Run(0, "", "");
            CliRun bySwarmops = null;
            for (int i = 0; i < 40 && !byDocker.out().contains("out-") || byDocker.out().lines().count() < 2; i++) {
                Thread.sleep(250);
                byDocker = docker.stdoutOnly().run(null, args);
            }
            bySwarmops = swarmops(args);
            assertEquals(sorted(byDocker.out()), sorted(bySwarmops.out()), String.join(" ", args) + " (stdout)");
            assertEquals(sorted(byDocker.err()), sorted(bySwarmops.err()), String.join(" ", args) + " (stderr)");
        }
        // docker's tabwriter leaves the padding of an empty last column; swarmops' Table trims it
        assertEquals(docker.ok("service", "ls"), swarmops(List.of("service", "ls")).out());
        swarmops(List.of("service", "rm", "echo", "g"));
    }

    /** The lines of two tasks interleave as they come: compared as sets of lines. */
    static List<String> sorted(String text) {
        return text.lines().sorted().toList();
    }

    /** A spec with fields swarmops has no flags for, created through the gateway as raw JSON. */
    static final String BASE = """
            {"Name":"%s","Labels":{"a":"1"},
             "TaskTemplate":{"ContainerSpec":{"Image":"%s","Args":["sleep","3600"],"Env":["A=1","B=2"],
                 "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":2048}],"Sysctls":{"net.core.somaxconn":"512"},
                 "CapabilityAdd":["CAP_NET_ADMIN"],"Mounts":[{"Type":"volume","Source":"data","Target":"/data"}]},
               "Placement":{"Constraints":["node.role==worker"]}},
             "Mode":{"Replicated":{"Replicas":1}},
             "EndpointSpec":{"Ports":[{"Protocol":"tcp","TargetPort":80}]}}
            """;

    static final List<List<String>> UPDATES = List.of(
            List.of("--label-add", "x=y"),
            List.of("--image", BusyboxImage.REPO + ":" + BusyboxImage.TAG + "-other"),
            List.of("--label-add", "x=y", "--label-rm", "a", "--container-label-add", "c=d", "--env-rm", "A", "--env-add", "C=3",
                    "--args", "sleep 7200", "--force", "--replicas", "2"),
            List.of("--publish-rm", "80", "--publish-add", "90", "--publish-add", "target=53,protocol=udp,mode=host",
                    "--mount-add", "type=tmpfs,target=/scratch", "--mount-add", "type=bind,source=/tmp,target=/data",
                    "--constraint-add", "node.labels.x==1", "--constraint-add", "engine.labels.y==2", "--constraint-rm", "node.role==worker",
                    "--placement-pref-add", "spread=node.labels.rack"),
            List.of("--limit-memory", "64m", "--reserve-cpu", "0.1", "--restart-condition", "none", "--update-delay", "2s",
                    "--rollback-monitor", "1m", "--replicas-max-per-node", "3", "--hostname", "x", "--user", "nobody",
                    "--workdir", "/tmp", "--entrypoint", "sh -c", "--network-add", "svcnet",
                    "--stop-grace-period", "2s", "--stop-signal", "SIGUSR1", "--init", "--tty", "--read-only"),
            List.of("--secret-add", "svcsec1", "--config-add", "source=svccfg2,target=/etc/app.conf,mode=0440",
                    "--dns-add", "8.8.8.8", "--dns-add", "1.1.1.1", "--dns-search-add", "b.example.com", "--dns-search-add", "a.example.com",
                    "--dns-option-add", "ndots:2", "--host-add", "db:10.0.0.2", "--host-add", "cache=10.0.0.3", "--host-add", "db:10.0.0.2",
                    "--group-add", "wheel", "--group-add", "audio", "--sysctl-add", "net.ipv4.ip_forward=1", "--sysctl-rm", "net.core.somaxconn",
                    "--ulimit-add", "nproc=64", "--ulimit-add", "nofile=4096:8192", "--cap-add", "sys_time", "--cap-drop", "net_admin",
                    "--health-cmd", "true", "--health-interval", "5s", "--health-retries", "2", "--log-driver", "json-file",
                    "--log-opt", "max-size=1m", "--generic-resource-add", "gpu=1", "--isolation", "default"),
            List.of("--no-healthcheck", "--ulimit-rm", "nofile", "--cap-add", "RESET", "--cap-drop", "mknod", "--log-opt", "max-size=1m"));

    @Test
    void updateStoresWhatDockerStoresAndKeepsTheRest() throws Exception {
        for (List<String> flags : UPDATES) {
            JsonNode[] specs = updateBoth(BASE, flags);
            // what an update leaves as it was unless its own flags are given
            java.util.Map.of("Ulimits", "--ulimit-", "Sysctls", "--sysctl-", "CapabilityAdd", "--cap-").forEach((kept, flag) -> {
                if (flags.stream().noneMatch(f -> f.startsWith(flag))) {
                    String at = "/TaskTemplate/ContainerSpec/" + kept;
                    assertEquals(specs[0].at(at), specs[2].at(at), kept + " after service update " + String.join(" ", flags));
                }
            });
        }
    }

    /**
     * A spec with what the new flags remove: secrets, configs, DNS, hosts, groups, a healthcheck of
     * NONE, a log driver, a generic resource, capabilities dropped, ulimits out of name order.
     */
    static final String RICH = """
            {"Name":"%s","Labels":{},
             "TaskTemplate":{"ContainerSpec":{"Image":"%s","Args":["sleep","3600"],
                 "Ulimits":[{"Name":"nproc","Soft":64,"Hard":64},{"Name":"nofile","Soft":1024,"Hard":2048}],
                 "CapabilityAdd":["CAP_NET_ADMIN"],"CapabilityDrop":["CAP_MKNOD"],"Groups":["wheel","audio"],
                 "DNSConfig":{"Nameservers":["8.8.8.8","1.1.1.1"],"Search":["example.com"],"Options":["ndots:2"]},
                 "Hosts":["10.0.0.2 db","10.0.0.3 cache db"],"Healthcheck":{"Test":["NONE"]},"Isolation":"default",
                 "Secrets":[{"File":{"Name":"svcsec1","UID":"0","GID":"0","Mode":292},"SecretID":"@svcsec1","SecretName":"svcsec1"}],
                 "Configs":[{"File":{"Name":"/etc/app.conf","UID":"0","GID":"0","Mode":292},"ConfigID":"@svccfg1","ConfigName":"svccfg1"}]},
               "Resources":{"Reservations":{"GenericResources":[{"DiscreteResourceSpec":{"Kind":"gpu","Value":1}}]}},
               "LogDriver":{"Name":"json-file","Options":{"max-size":"10m"}}},
             "Mode":{"Replicated":{"Replicas":1}}}
            """;

    static final List<List<String>> RICH_UPDATES = List.of(
            List.of("--label-add", "x=y"),
            List.of("--secret-rm", "svcsec1", "--secret-add", "source=svcsec2,target=pw", "--config-rm", "svccfg1", "--config-add", "svccfg2",
                    "--dns-rm", "8.8.8.8", "--dns-add", "9.9.9.9", "--dns-search-rm", "example.com", "--dns-option-rm", "ndots:2",
                    "--host-rm", "db:10.0.0.2", "--host-add", "web:10.0.0.4", "--group-rm", "audio", "--group-add", "100",
                    "--ulimit-rm", "nproc", "--cap-add", "mknod", "--cap-drop", "net_admin", "--health-retries", "3",
                    "--generic-resource-rm", "gpu", "--generic-resource-add", "fpga=2", "--isolation", "", "--log-driver", "local"),
            List.of("--host-rm", "db", "--cap-add", "RESET", "--cap-add", "sys_time", "--health-interval", "2s", "--log-opt", "max-size=1m",
                    "--generic-resource-add", "gpu=3", "--sysctl-add", "net.core.somaxconn=64"));

    @Test
    void updatesOfSecretsConfigsAndContainerOptionsStoreWhatDockerStores() throws Exception {
        String rich = RICH;
        for (var id : IDS.entrySet()) {
            rich = rich.replace("@" + id.getKey(), id.getValue());
        }
        for (List<String> flags : RICH_UPDATES) {
            updateBoth(rich, flags);
        }
    }

    /**
     * Creates the spec twice (raw JSON through the gateway), updates one with docker and the other
     * with swarmops, and asserts the stored specs are equal; returns the spec before and both after.
     */
    static JsonNode[] updateBoth(String template, List<String> flags) throws Exception {
        try (SwarmGateway g = swarm.gateway()) {
            g.createService((ObjectNode) Json.MAPPER.readTree(template.formatted("ud", IMAGE)), null, w -> { });
            g.createService((ObjectNode) Json.MAPPER.readTree(template.formatted("us", IMAGE)), null, w -> { });
            JsonNode before = specOf("us");
            docker.ok(with(with(List.of("service", "update", "-d", "--no-resolve-image"), flags), List.of("ud")));
            CliRun r = swarmops(with(with(List.of("service", "update", "-d", "--no-resolve-image"), flags), List.of("us")));
            assertEquals(0, r.code(), r.err());
            JsonNode byDocker = comparable(specOf("ud"));
            JsonNode bySwarmops = comparable(specOf("us"));
            g.removeService(g.service("ud").id());
            g.removeService(g.service("us").id());
            assertEquals(byDocker, bySwarmops, "service update " + String.join(" ", flags));
            return new JsonNode[] {before, byDocker, bySwarmops};
        }
    }

    /**
     * Name set aside; Env sorted, as docker's --env-add rebuilds it from a Go map in random order;
     * generic resources sorted by kind, as docker's --generic-resource-add does the same.
     */
    static JsonNode comparable(JsonNode spec) {
        ObjectNode s = spec.deepCopy();
        s.remove("Name");
        JsonNode env = s.at("/TaskTemplate/ContainerSpec/Env");
        if (env.isArray()) {
            List<String> sorted = new ArrayList<>();
            env.forEach(e -> sorted.add(e.asText()));
            sorted.sort(null);
            ArrayNode a = s.with("TaskTemplate").with("ContainerSpec").putArray("Env");
            sorted.forEach(a::add);
        }
        JsonNode generic = s.at("/TaskTemplate/Resources/Reservations/GenericResources");
        if (generic.isArray()) {
            List<JsonNode> sorted = new ArrayList<>();
            generic.forEach(sorted::add);
            sorted.sort(java.util.Comparator.comparing(r -> r.path("DiscreteResourceSpec").path("Kind").asText()));
            ((ObjectNode) s.at("/TaskTemplate/Resources/Reservations")).putArray("GenericResources").addAll(sorted);
        }
        return s;
    }

    static JsonNode specOf(String name) {
        try (SwarmGateway g = swarm.gateway()) {
            return g.service(name).spec();
        } catch (SwarmOpsException e) {
            return fail("service " + name + " was not created: " + e.getMessage());
        }
    }

    static String idOf(String name) {
        try (SwarmGateway g = swarm.gateway()) {
            return g.service(name).id();
        }
    }

    static List<String> with(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static CliRun swarmops(List<String> args) {
        return CliRun.against(host, args.toArray(String[]::new));
    }
}
