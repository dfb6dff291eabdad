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
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.TestSwarm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private static final String DOCKER = "/usr/local/bin/docker";
    private static final String IMAGE = BusyboxImage.NAME;
    static TestSwarm swarm;
    static String host;

    @BeforeAll
    static void up() {
        swarm = TestSwarm.start("svc", 1, 1);
        host = swarm.managerHost();
        docker("network", "create", "-d", "overlay", "svcnet");
        docker("network", "create", "-d", "overlay", "svcnet2");
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
            List.of("--name", "p5", "--mode", "global-job", "--restart-condition", "none", IMAGE, "true"));

    static final String TEMPLATE = "{{.ID}} {{.Spec.Name}} {{.Spec.Labels}} {{index .Spec.Labels \"team\"}} {{json .Spec.Mode}}"
            + " {{json .Spec.TaskTemplate.Placement}} {{.Spec.TaskTemplate.ContainerSpec.Args}} {{.Spec.EndpointSpec.Mode}}";

    @Test
    void createStoresWhatDockerStores() {
        for (List<String> flags : CREATES) {
            String name = flags.get(1);
            docker(with(List.of("service", "create", "-d", "--no-resolve-image"), flags));
            JsonNode byDocker = specOf(name);
            String prettyByDocker = docker("service", "inspect", "--pretty", name).replace(idOf(name), "ID")
                    + docker("service", "inspect", "-f", TEMPLATE, name).replace(idOf(name), "ID");
            docker("service", "rm", name);
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
            String[] byDocker = {"", ""};
            CliRun bySwarmops = null;
            for (int i = 0; i < 40 && !byDocker[0].contains("out-") || byDocker[0].lines().count() < 2; i++) {
                Thread.sleep(250);
                byDocker = dockerStreams(args);
            }
            bySwarmops = swarmops(args);
            assertEquals(sorted(byDocker[0]), sorted(bySwarmops.out()), String.join(" ", args) + " (stdout)");
            assertEquals(sorted(byDocker[1]), sorted(bySwarmops.err()), String.join(" ", args) + " (stderr)");
        }
        // docker's tabwriter leaves the padding of an empty last column; swarmops' Table trims it
        assertEquals(docker("service", "ls").replaceAll(" +\n", "\n"), swarmops(List.of("service", "ls")).out());
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
                    "--stop-grace-period", "2s", "--stop-signal", "SIGUSR1", "--init", "--tty", "--read-only"));

    @Test
    void updateStoresWhatDockerStoresAndKeepsTheRest() throws Exception {
        try (SwarmGateway g = swarm.gateway()) {
            for (List<String> flags : UPDATES) {
                g.createService((ObjectNode) Json.MAPPER.readTree(BASE.formatted("ud", IMAGE)), null, w -> { });
                g.createService((ObjectNode) Json.MAPPER.readTree(BASE.formatted("us", IMAGE)), null, w -> { });
                JsonNode before = specOf("us");
                docker(with(with(List.of("service", "update", "-d", "--no-resolve-image"), flags), List.of("ud")));
                CliRun r = swarmops(with(with(List.of("service", "update", "-d", "--no-resolve-image"), flags), List.of("us")));
                assertEquals(0, r.code(), r.err());
                JsonNode byDocker = comparable(specOf("ud"));
                JsonNode bySwarmops = comparable(specOf("us"));
                g.removeService(g.service("ud").id());
                g.removeService(g.service("us").id());
                assertEquals(byDocker, bySwarmops, "service update " + String.join(" ", flags));
                for (String kept : List.of("Ulimits", "Sysctls", "CapabilityAdd")) {
                    String at = "/TaskTemplate/ContainerSpec/" + kept;
                    assertEquals(before.at(at), bySwarmops.at(at), kept + " after service update " + String.join(" ", flags));
                }
            }
        }
    }

    /** Name set aside; Env sorted, as docker's --env-add rebuilds it from a Go map in random order. */
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

    /** stdout and stderr of a docker command, apart. */
    static String[] dockerStreams(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", host));
        cmd.addAll(args);
        java.nio.file.Path err = java.nio.file.Files.createTempFile("svc-docker", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return new String[] {out, java.nio.file.Files.readString(err)};
        } finally {
            java.nio.file.Files.deleteIfExists(err);
        }
    }

    static String docker(String... args) {
        return docker(List.of(args));
    }

    static String docker(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", host));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                fail("docker " + String.join(" ", args) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
