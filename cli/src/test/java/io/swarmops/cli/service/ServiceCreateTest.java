package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.model.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code service create}: flags in, the exact Engine JSON docker/cli's ToService sends out
 * (golden: derived from docker/cli cli/command/service/opts.go and the Go types' omitempty tags).
 */
class ServiceCreateTest {
    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Runs the command on a fake daemon and returns the one spec it created. */
    static JsonNode created(String... args) {
        FakeServices daemon = new FakeServices();
        CliRun r = CliRun.run(daemon, args);
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(1, daemon.created.size());
        return json(daemon.created.get(0).toString());
    }

    static String[] create(String... flags) {
        String[] all = new String[flags.length + 4];
        all[0] = "service";
        all[1] = "create";
        all[2] = "-d";
        all[3] = "--no-resolve-image";
        System.arraycopy(flags, 0, all, 4, flags.length);
        return all;
    }

    @Test
    void theSmallestCreateIsDockersShape() {
        assertEquals(json("""
                {"Labels":{},
                 "TaskTemplate":{"ContainerSpec":{"Image":"nginx","Init":false,"DNSConfig":{}},
                   "Resources":{"Limits":{},"Reservations":{}},"Placement":{},"ForceUpdate":0},
                 "Mode":{"Replicated":{}},
                 "EndpointSpec":{"Mode":"vip"}}
                """), created(create("nginx")));
    }

    @Test
    void everyFlagLandsWhereDockerPutsIt() {
        JsonNode spec = created(create("--name", "web", "--replicas", "3", "-e", "A=1", "--env", "B=2", "-e", "A=3",
                "-l", "team=ops", "-l", "tier", "--container-label", "c=d",
                "--constraint", "node.role==worker", "--placement-pref", "spread=node.labels.rack", "--max-replicas", "2",
                "-p", "8080:80", "-p", "published=53,target=53,protocol=udp,mode=host", "-p", "9000-9001:90-91/udp",
                "--mount", "type=bind,source=/data,target=/data,readonly",
                "--mount", "type=volume,source=vol,target=/v,volume-driver=local,volume-opt=o=bind,volume-nocopy",
                "--mount", "type=tmpfs,target=/tmp,tmpfs-size=64m,tmpfs-mode=1770",
                "--network", "front", "--network", "name=back,alias=db",
                "--reserve-cpu", "0.5", "--reserve-memory", "64M", "--limit-cpu", "1.25", "--limit-memory", "1g",
                "--update-parallelism", "2", "--update-delay", "10s", "--update-failure-action", "rollback",
                "--update-monitor", "30s", "--update-max-failure-ratio", "0.1", "--update-order", "start-first",
                "--rollback-parallelism", "0", "--rollback-order", "start-first",
                "--restart-condition", "on-failure", "--restart-delay", "3s", "--restart-max-attempts", "4", "--restart-window", "1m",
                "--hostname", "h1", "--user", "1000:1000", "--workdir", "/srv", "--entrypoint", "sh -c 'exec \"$0\" \"$@\"'",
                "--endpoint-mode", "dnsrr",
                "swarmops/busybox:latest", "sleep", "3600"));
        assertEquals(json("""
                {"Name":"web","Labels":{"team":"ops","tier":""},
                 "TaskTemplate":{
                   "ContainerSpec":{"Image":"swarmops/busybox:latest","Labels":{"c":"d"},
                     "Command":["sh","-c","exec \\"$0\\" \\"$@\\""],"Args":["sleep","3600"],"Hostname":"h1",
                     "Env":["B=2","A=3"],"Dir":"/srv","User":"1000:1000",
                     "Mounts":[{"Type":"bind","Source":"/data","Target":"/data","ReadOnly":true},
                       {"Type":"volume","Source":"vol","Target":"/v","VolumeOptions":{"NoCopy":true,"DriverConfig":{"Name":"local","Options":{"o":"bind"}}}},
                       {"Type":"tmpfs","Target":"/tmp","TmpfsOptions":{"SizeBytes":67108864,"Mode":1016}}],
                     "Init":false,"DNSConfig":{}},
                   "Resources":{"Limits":{"NanoCPUs":1250000000,"MemoryBytes":1073741824},
                     "Reservations":{"NanoCPUs":500000000,"MemoryBytes":67108864}},
                   "RestartPolicy":{"Condition":"on-failure","Delay":3000000000,"MaxAttempts":4,"Window":60000000000},
                   "Placement":{"Constraints":["node.role==worker"],"Preferences":[{"Spread":{"SpreadDescriptor":"node.labels.rack"}}],"MaxReplicas":2},
                   "Networks":[{"Target":"net-back-id","Aliases":["db"]},{"Target":"net-front-id"}],
                   "ForceUpdate":0},
                 "Mode":{"Replicated":{"Replicas":3}},
                 "UpdateConfig":{"Parallelism":2,"Delay":10000000000,"FailureAction":"rollback","Monitor":30000000000,"MaxFailureRatio":0.1,"Order":"start-first"},
                 "RollbackConfig":{"Parallelism":0,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"start-first"},
                 "EndpointSpec":{"Mode":"dnsrr","Ports":[
                   {"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},
                   {"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"host"},
                   {"Protocol":"udp","TargetPort":90,"PublishedPort":9000,"PublishMode":"ingress"},
                   {"Protocol":"udp","TargetPort":91,"PublishedPort":9001,"PublishMode":"ingress"}]}}
                """), spec);
    }

    @Test
    void containerSwitches() {
        assertEquals(json("""
                {"Image":"img","Init":true,"DNSConfig":{},"TTY":true,"ReadOnly":true,"StopSignal":"SIGINT","StopGracePeriod":90000000000}
                """), created(create("--init", "-t", "--read-only", "--stop-signal", "SIGINT", "--stop-grace-period", "1m30s", "img"))
                .at("/TaskTemplate/ContainerSpec"));
    }

    @Test
    void modes() {
        assertEquals(json("{\"Global\":{}}"), created(create("--mode", "global", "img")).path("Mode"));
        assertEquals(json("{\"GlobalJob\":{}}"), created(create("--mode", "global-job", "img")).path("Mode"));
        assertEquals(json("{\"ReplicatedJob\":{}}"), created(create("--mode", "replicated-job", "img")).path("Mode"));
        assertEquals(json("{\"ReplicatedJob\":{\"MaxConcurrent\":5,\"TotalCompletions\":5}}"),
                created(create("--mode", "replicated-job", "--replicas", "5", "img")).path("Mode"));
        assertEquals(json("{\"ReplicatedJob\":{\"MaxConcurrent\":2,\"TotalCompletions\":5}}"),
                created(create("--mode", "replicated-job", "--replicas", "5", "--max-concurrent", "2", "img")).path("Mode"));
    }

    @Test
    void dockersRefusalsAreUsageErrorsAndCreateNothing() {
        Map<List<String>, String> refusals = Map.of(
                List.of("--mode", "global", "--replicas", "2"), "replicas can only be used with replicated or replicated-job mode",
                List.of("--mode", "global", "--max-replicas", "2"), "replicas-max-per-node can only be used with replicated or replicated-job mode",
                List.of("--max-concurrent", "2"), "max-concurrent can only be used with replicated-job mode",
                List.of("--mode", "replicated-job", "--update-parallelism", "2"), "update and rollback configuration is not supported for jobs",
                List.of("--mode", "daemonset"), "Unknown mode: daemonset, only replicated, global, replicated-job and global-job supported",
                List.of("-p", "127.0.0.1:80:80"), "hostip is not supported",
                List.of("--mount", "type=bind,source=/x"), "target is required",
                List.of("--update-order", "random"), "invalid --update-order \"random\": use start-first, stop-first",
                List.of("--network", "nosuch"), "no such network: nosuch");
        refusals.forEach((flags, message) -> {
            FakeServices daemon = new FakeServices();
            List<String> args = new java.util.ArrayList<>(List.of(create()));
            args.addAll(flags);
            args.add("img");
            CliRun r = CliRun.run(daemon, args.toArray(String[]::new));
            assertEquals("error: " + message + "\n", r.err(), flags.toString());
            assertEquals(message.startsWith("no such") ? ExitCodes.FAILED : ExitCodes.USAGE, r.code(), flags.toString());
            assertEquals(List.of(), daemon.created, "nothing created for " + flags);
        });
    }

    @Test
    void optionsEndAtTheImageSoTheCommandKeepsItsOwnFlags() {
        JsonNode spec = created(create("--name", "echo", "img", "sh", "-c", "echo -e hi; sleep 1", "--name", "x"));
        assertEquals("echo", spec.path("Name").asText());
        assertEquals(json("[\"sh\",\"-c\",\"echo -e hi; sleep 1\",\"--name\",\"x\"]"), spec.at("/TaskTemplate/ContainerSpec/Args"));
    }

    @Test
    void aBareEnvTakesItsValueFromTheEnvironment() {
        ServiceCreate c = new ServiceCreate();
        new picocli.CommandLine(c).parseArgs("-e", "FROM_ENV", "-e", "UNSET", "-e", "X=", "img");
        ObjectNode spec = c.spec(Map.of("FROM_ENV", "v"), ref -> ref);
        assertEquals(json("[\"FROM_ENV=v\",\"UNSET\",\"X=\"]"), spec.at("/TaskTemplate/ContainerSpec/Env"));
    }

    @Test
    void printsTheIdThenWaitsUntilTheTasksRun() {
        FakeServices daemon = new FakeServices();
        CliRun r = CliRun.run(daemon, "service", "create", "--no-resolve-image", "--name", "web", "--replicas", "2", "img");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(daemon.services.keySet().iterator().next() + "\n", r.out());
        assertTrue(r.err().contains("service web: converged"), r.err());
    }

    @Test
    void theImageIsPinnedToItsDigestWhenARegistryAnswers() {
        FakeServices daemon = new FakeServices();
        daemon.digest = "sha256:abc";
        assertEquals(ExitCodes.OK, CliRun.run(daemon, "service", "create", "-d", "img:1").code());
        assertEquals("img:1@sha256:abc", daemon.created.get(0).at("/TaskTemplate/ContainerSpec/Image").asText());
    }

    @Test
    void withoutARegistryItWarnsAndCreatesWithTheImageAsWritten() {
        FakeServices daemon = new FakeServices();
        CliRun r = CliRun.run(daemon, "service", "create", "-d", "img:1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("img:1", daemon.created.get(0).at("/TaskTemplate/ContainerSpec/Image").asText());
        assertTrue(r.err().startsWith("image img:1 could not be accessed on a registry to record its digest."), r.err());
    }
}
