package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.SwarmObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** What a daemon with secrets s1 and s2, configs c1 and c2 and any network answers: each ID is the name and "-id". */
    static final ServiceSpecs.Lookups LOOKUPS = new ServiceSpecs.Lookups() {
        @Override
        public String networkId(String reference) {
            return reference + "-id";
        }

        @Override
        public Map<String, String> secretIds(Set<String> names) {
            return ids(names, Set.of("s1", "s2"));
        }

        @Override
        public Map<String, String> configIds(Set<String> names) {
            return ids(names, Set.of("c1", "c2"));
        }

        private Map<String, String> ids(Set<String> names, Set<String> existing) {
            Map<String, String> ids = new java.util.HashMap<>();
            names.stream().filter(existing::contains).forEach(n -> ids.put(n, n + "-id"));
            return ids;
        }
    };

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

    /** A fake daemon with secrets s1 and s2 and configs c1 and c2 (ID: the name and "-id"), listed by name as the Engine lists them. */
    static FakeServices withSecretsAndConfigs() {
        return new FakeServices() {
            @Override
            public List<SwarmObject> secrets(Map<String, List<String>> filters) {
                return named(filters, "s1", "s2");
            }

            @Override
            public List<SwarmObject> configs(Map<String, List<String>> filters) {
                return named(filters, "c1", "c2");
            }
        };
    }

    private static List<SwarmObject> named(Map<String, List<String>> filters, String... names) {
        return java.util.Arrays.stream(names).filter(n -> filters.getOrDefault("name", List.of()).stream().anyMatch(n::startsWith))
                .map(n -> SwarmObject.from(json("{\"ID\":\"" + n + "-id\",\"Version\":{\"Index\":1},\"Spec\":{\"Name\":\"" + n + "\"}}")))
                .toList();
    }

    @Test
    void secretsConfigsAndContainerOptionsLandWhereDockerPutsThem() {
        FakeServices daemon = withSecretsAndConfigs();
        CliRun r = CliRun.run(daemon, create("--secret", "s1", "--secret", "source=s2,target=pw,uid=1000,mode=0400",
                "--config", "c1", "--config", "source=c2,target=/etc/c2.conf",
                "--dns", "8.8.8.8", "--dns", "0:0::1", "--dns-search", "example.com.", "--dns-option", "ndots:2",
                "--group", "audio", "--group", "100", "--sysctl", "net.core.somaxconn=1024", "--sysctl", "net.ipv4.ip_forward",
                "--ulimit", "nproc=64", "--ulimit", "nofile=1024:2048", "--ulimit", "nproc=32:64",
                "--health-cmd", "wget -q localhost", "--health-interval", "10s", "--health-timeout", "2s", "--health-retries", "3",
                "--health-start-period", "30s", "--log-driver", "json-file", "--log-opt", "max-size=10m", "--log-opt", "max-file=3",
                "--cap-add", "net_admin", "--cap-add", "CAP_SYS_TIME", "--cap-drop", "mknod", "--cap-drop", "sys_time",
                "--generic-resource", "gpu=2", "--isolation", "default", "img"));
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(json("""
                {"Labels":{},
                 "TaskTemplate":{"ContainerSpec":{"Image":"img","Init":false,
                     "DNSConfig":{"Nameservers":["8.8.8.8","::1"],"Search":["example.com"],"Options":["ndots:2"]},
                     "Groups":["audio","100"],
                     "Healthcheck":{"Test":["CMD-SHELL","wget -q localhost"],"Interval":10000000000,"Timeout":2000000000,
                       "StartPeriod":30000000000,"Retries":3},
                     "Sysctls":{"net.core.somaxconn":"1024","net.ipv4.ip_forward":""},
                     "CapabilityAdd":["CAP_NET_ADMIN","CAP_SYS_TIME"],"CapabilityDrop":["CAP_MKNOD"],
                     "Ulimits":[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"nproc","Hard":64,"Soft":32}],
                     "Isolation":"default",
                     "Secrets":[{"File":{"Name":"s1","UID":"0","GID":"0","Mode":292},"SecretID":"s1-id","SecretName":"s1"},
                       {"File":{"Name":"pw","UID":"1000","GID":"0","Mode":256},"SecretID":"s2-id","SecretName":"s2"}],
                     "Configs":[{"File":{"Name":"c1","UID":"0","GID":"0","Mode":292},"ConfigID":"c1-id","ConfigName":"c1"},
                       {"File":{"Name":"/etc/c2.conf","UID":"0","GID":"0","Mode":292},"ConfigID":"c2-id","ConfigName":"c2"}]},
                   "Resources":{"Limits":{},"Reservations":{"GenericResources":[{"DiscreteResourceSpec":{"Kind":"gpu","Value":2}}]}},
                   "Placement":{},
                   "LogDriver":{"Name":"json-file","Options":{"max-size":"10m","max-file":"3"}},
                   "ForceUpdate":0},
                 "Mode":{"Replicated":{}},
                 "EndpointSpec":{"Mode":"vip"}}
                """), json(daemon.created.get(0).toString()));
    }

    @Test
    void healthchecksAndCapabilitiesAsDockerCombinesThem() {
        assertEquals(json("{\"Test\":[\"NONE\"]}"), created(create("--no-healthcheck", "img")).at("/TaskTemplate/ContainerSpec/Healthcheck"));
        assertEquals(json("{\"Retries\":2}"), created(create("--health-retries", "2", "img")).at("/TaskTemplate/ContainerSpec/Healthcheck"),
                "no test without --health-cmd");
        assertEquals(json("{}"), created(create("--health-interval", "0s", "img")).at("/TaskTemplate/ContainerSpec/Healthcheck"),
                "a flag given makes a HealthConfig, even of zeros");
        assertTrue(created(create("--health-retries", "0", "--health-cmd", "", "img")).at("/TaskTemplate/ContainerSpec/Healthcheck")
                .isMissingNode(), "docker counts a zero --health-retries and an empty --health-cmd as not given");
        JsonNode all = created(create("--cap-add", "all", "--cap-add", "net_admin", "--cap-drop", "ALL", "--cap-drop", "RESET", "img"))
                .at("/TaskTemplate/ContainerSpec");
        assertEquals(json("[\"ALL\"]"), all.path("CapabilityAdd"), "ALL stands alone; adding it wins over dropping it");
        assertTrue(all.path("CapabilityDrop").isMissingNode(), all.toString());
        assertTrue(created(create("--log-opt", "max-size=1m", "img")).at("/TaskTemplate/LogDriver").isMissingNode(),
                "log options without a driver are dropped, as docker drops them");
    }

    @Test
    void aBareLogOptTakesItsValueFromTheEnvironment() {
        ServiceCreate c = new ServiceCreate();
        new picocli.CommandLine(c).parseArgs("--log-driver", "syslog", "--log-opt", "SYSLOG_ADDRESS", "--log-opt", "tag", "img");
        assertEquals(json("{\"Name\":\"syslog\",\"Options\":{\"SYSLOG_ADDRESS\":\"udp://x:514\",\"tag\":\"\"}}"),
                c.spec(Map.of("SYSLOG_ADDRESS", "udp://x:514"), LOOKUPS).at("/TaskTemplate/LogDriver"));
    }

    @Test
    void refusalsOfTheNewFlagsAreOneLineAndCreateNothing() {
        Map<List<String>, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(List.of("--ulimit", "nofile=10:5"), "ulimit soft limit must be less than or equal to hard limit: 10 > 5");
        refusals.put(List.of("--ulimit", "fds=10"), "invalid ulimit type: fds");
        refusals.put(List.of("--secret", "target=pw"), "source is required");
        refusals.put(List.of("--secret", "source=s1,mode=rw"), "invalid mode specified: strconv.ParseUint: parsing \"rw\": invalid syntax");
        refusals.put(List.of("--config", "c1,c2"), "invalid field 'c1' must be a key=value pair");
        refusals.put(List.of("--secret", "s1", "--secret", "source=s2,target=s1"), "duplicate secret target for s2 not allowed");
        refusals.put(List.of("--dns", "8.8.8"), "IP address is not correctly formatted: 8.8.8");
        refusals.put(List.of("--dns-search", "-x.com"), "-x.com is not a valid domain");
        refusals.put(List.of("--generic-resource", "gpu"), "invalid generic-resource format `gpu` expected `name=value`");
        refusals.put(List.of("--log-opt", "=x"), "invalid environment variable: =x");
        refusals.put(List.of("--no-healthcheck", "--health-cmd", "true"), "--no-healthcheck conflicts with --health-* options");
        refusals.put(List.of("--secret", "nosuch"), "secret not found: nosuch");
        refusals.put(List.of("--config", "source=s1"), "config not found: s1");
        refusals.forEach((flags, message) -> {
            FakeServices daemon = withSecretsAndConfigs();
            List<String> args = new java.util.ArrayList<>(List.of(create()));
            args.addAll(flags);
            args.add("img");
            CliRun r = CliRun.run(daemon, args.toArray(String[]::new));
            assertEquals("error: " + message + "\n", r.err(), flags.toString());
            assertEquals(message.contains("not found") ? ExitCodes.FAILED : ExitCodes.USAGE, r.code(), flags.toString());
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
    void anEnvFileDropsABareKeyTheEnvironmentLacksAndEnvFlagsComeAfterIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // docker 28 (kvfile) leaves the unset KEY out of an env file, but keeps a bare -e UNSET as given
        java.nio.file.Path file = dir.resolve("vars.env");
        java.nio.file.Files.writeString(file, "A=1\nUNSET\nFROM_ENV\n");
        ServiceCreate c = new ServiceCreate();
        new picocli.CommandLine(c).parseArgs("--env-file", file.toString(), "-e", "A=2", "-e", "UNSET", "img");
        ObjectNode spec = c.spec(Map.of("FROM_ENV", "v"), LOOKUPS);
        assertEquals(json("[\"FROM_ENV=v\",\"A=2\",\"UNSET\"]"), spec.at("/TaskTemplate/ContainerSpec/Env"));
    }

    @Test
    void aBareEnvTakesItsValueFromTheEnvironment() {
        ServiceCreate c = new ServiceCreate();
        new picocli.CommandLine(c).parseArgs("-e", "FROM_ENV", "-e", "UNSET", "-e", "X=", "img");
        ObjectNode spec = c.spec(Map.of("FROM_ENV", "v"), LOOKUPS);
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
