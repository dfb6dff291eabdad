package io.swarmops.cli.service;

import static io.swarmops.cli.service.ServiceCreateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code service update}: docker's merges on a fetched spec; what swarmops has no flag for is written back untouched. */
class ServiceUpdateTest {
    /** A spec as the daemon returns it, with fields swarmops has no flags for. */
    static final String TUNED = """
            {"Name":"web","Labels":{"a":"1"},
             "TaskTemplate":{"ContainerSpec":{"Image":"old:1","Env":["A=1","B=2"],
                 "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":2048}],"Sysctls":{"net.core.somaxconn":"1024"},
                 "CapabilityAdd":["CAP_NET_ADMIN"],"Healthcheck":{"Test":["CMD","true"],"Interval":1000000000},
                 "Mounts":[{"Type":"volume","Source":"data","Target":"/data"}],
                 "Secrets":[{"File":{"Name":"s","UID":"0","GID":"0","Mode":292},"SecretID":"sid","SecretName":"s"}],
                 "Isolation":"default"},
               "Resources":{"Limits":{},"Reservations":{}},
               "Placement":{"Constraints":["node.role==worker"],"Platforms":[{"Architecture":"amd64","OS":"linux"}]},
               "LogDriver":{"Name":"json-file","Options":{"max-size":"10m"}},
               "ForceUpdate":4,"Runtime":"container"},
             "Mode":{"Replicated":{"Replicas":2}},
             "UpdateConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"},
             "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]}}
            """;

    static ObjectNode apply(String spec, String... flags) {
        ServiceUpdate u = new ServiceUpdate();
        String[] args = java.util.Arrays.copyOf(flags, flags.length + 1);
        args[flags.length] = "web";
        new CommandLine(u).parseArgs(args);
        return u.apply((ObjectNode) json(spec), Map.of("FROM_ENV", "e"), ServiceCreateTest.LOOKUPS);
    }

    /** The spec with the given JSON-pointer fields replaced: what an update may change, all of it. */
    static JsonNode expect(String spec, Map<String, String> changes) {
        ObjectNode s = (ObjectNode) json(spec);
        changes.forEach((pointer, value) -> {
            int slash = pointer.lastIndexOf('/');
            ObjectNode parent = (ObjectNode) s.at(pointer.substring(0, slash));
            if (value == null) {
                parent.remove(pointer.substring(slash + 1));
            } else {
                parent.set(pointer.substring(slash + 1), json(value));
            }
        });
        return s;
    }

    @Test
    void aLabelChangesTheLabelsAndNothingElse() {
        assertEquals(expect(TUNED, Map.of("/Labels", "{\"a\":\"1\",\"x\":\"y\"}")), apply(TUNED, "--label-add", "x=y"));
    }

    @Test
    void anImageChangesTheImageAndNothingElse() {
        assertEquals(expect(TUNED, Map.of("/TaskTemplate/ContainerSpec/Image", "\"new:2\"")), apply(TUNED, "--image", "new:2"));
    }

    @Test
    void manyFlagsAtOnce() {
        ObjectNode after = apply(TUNED, "--env-add", "B=3", "--env-rm", "A", "--env-add", "FROM_ENV", "--label-rm", "a",
                "--force", "--replicas", "5", "--args", "sleep 'a b'", "--constraint-add", "node.labels.z==1",
                "--constraint-add", "engine.labels.a==b", "--constraint-rm", "node.role==worker",
                "--limit-memory", "128m", "--restart-condition", "none", "--update-delay", "2s", "--rollback-monitor", "1m");
        assertEquals(expect(TUNED, Map.of(
                "/Labels", "{}",
                "/TaskTemplate/ContainerSpec/Env", "[\"B=3\",\"FROM_ENV=e\"]",
                "/TaskTemplate/ContainerSpec/Args", "[\"sleep\",\"a b\"]",
                "/TaskTemplate/ForceUpdate", "5",
                "/Mode/Replicated/Replicas", "5",
                "/TaskTemplate/Placement/Constraints", "[\"engine.labels.a==b\",\"node.labels.z==1\"]",
                "/TaskTemplate/Resources/Limits", "{\"MemoryBytes\":134217728}",
                "/TaskTemplate/RestartPolicy", "{\"Condition\":\"none\",\"Delay\":5000000000,\"MaxAttempts\":0}",
                "/UpdateConfig/Delay", "2000000000",
                "/RollbackConfig", "{\"Parallelism\":1,\"FailureAction\":\"pause\",\"Monitor\":60000000000,\"MaxFailureRatio\":0,\"Order\":\"stop-first\"}")),
                after);
    }

    @Test
    void publishAddAndRemoveAsDockerDoes() {
        ObjectNode after = apply(TUNED, "--publish-rm", "80", "--publish-add", "9090:90", "--publish-add", "8443:443",
                "--publish-add", "published=53,target=53,protocol=udp,mode=host");
        assertEquals(json("""
                [{"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"host"},
                 {"Protocol":"tcp","TargetPort":443,"PublishedPort":8443,"PublishMode":"ingress"},
                 {"Protocol":"tcp","TargetPort":90,"PublishedPort":9090,"PublishMode":"ingress"}]
                """), after.at("/EndpointSpec/Ports"), "sorted as docker's portConfigToString sorts");
        // a removal names target, protocol and mode: 80/udp is not the tcp port
        assertEquals(json(TUNED).at("/EndpointSpec/Ports"), apply(TUNED, "--publish-rm", "80/udp").at("/EndpointSpec/Ports"));
        // the port already published is not added twice
        assertEquals(json(TUNED).at("/EndpointSpec/Ports"), apply(TUNED, "--publish-add", "8080:80").at("/EndpointSpec/Ports"));
    }

    @Test
    void mountAddReplacesTheSameTargetAndTheListIsSorted() {
        ObjectNode after = apply(TUNED, "--mount-add", "type=bind,source=/srv/data,target=/data",
                "--mount-add", "type=tmpfs,target=/cache");
        assertEquals(json("""
                [{"Type":"tmpfs","Target":"/cache"},{"Type":"bind","Source":"/srv/data","Target":"/data"}]
                """), after.at("/TaskTemplate/ContainerSpec/Mounts"));
        assertTrue(apply(TUNED, "--mount-rm", "/data").at("/TaskTemplate/ContainerSpec/Mounts").isMissingNode());
    }

    @Test
    void networksByIdSortedAndNoDoubleAttachment() {
        ObjectNode after = apply(TUNED, "--network-add", "back", "--network-add", "name=app,alias=x");
        assertEquals(json("[{\"Target\":\"app-id\",\"Aliases\":[\"x\"]},{\"Target\":\"back-id\"}]"), after.at("/TaskTemplate/Networks"));
        String attached = after.toString();
        assertEquals(json("[{\"Target\":\"back-id\"}]"), apply(attached, "--network-rm", "app").at("/TaskTemplate/Networks"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.swarmops.ops.SwarmOpsException.class,
                () -> apply(attached, "--network-add", "back"));
        assertEquals("service is already attached to network back", e.getMessage());
    }

    @Test
    void placementPreferencesAndMaxReplicas() {
        ObjectNode after = apply(TUNED, "--placement-pref-add", "spread=node.labels.rack", "--max-replicas", "3");
        assertEquals(json("[{\"Spread\":{\"SpreadDescriptor\":\"node.labels.rack\"}}]"), after.at("/TaskTemplate/Placement/Preferences"));
        assertEquals(3, after.at("/TaskTemplate/Placement/MaxReplicas").asInt());
        assertTrue(apply(after.toString(), "--placement-pref-rm", "spread=node.labels.rack")
                .at("/TaskTemplate/Placement/Preferences").isMissingNode(), "an empty list is left out, as Go's omitempty does");
        assertTrue(apply(after.toString(), "--max-replicas", "0").at("/TaskTemplate/Placement/MaxReplicas").isMissingNode());
    }

    @Test
    void switchesOffAsGoMarshalsThem() {
        ObjectNode on = apply(TUNED, "--init", "--tty", "--read-only", "--stop-signal", "SIGINT");
        assertEquals(expect(TUNED, Map.of("/TaskTemplate/ContainerSpec/Init", "true", "/TaskTemplate/ContainerSpec/TTY", "true",
                "/TaskTemplate/ContainerSpec/ReadOnly", "true", "/TaskTemplate/ContainerSpec/StopSignal", "\"SIGINT\"")), on);
        ObjectNode off = apply(on.toString(), "--init=false", "--tty=false", "--read-only=false", "--stop-signal", "");
        assertEquals(expect(TUNED, Map.of("/TaskTemplate/ContainerSpec/Init", "false")), off,
                "Init is a pointer (false is kept), the others are left out when false or empty");
    }

    static String error(String spec, String... flags) {
        return org.junit.jupiter.api.Assertions.assertThrows(io.swarmops.ops.SwarmOpsException.class, () -> apply(spec, flags)).getMessage();
    }

    @Test
    void secretsAndConfigsAreRemovedByNameAndAddedByNameResolvedToIds() {
        assertEquals(expect(TUNED, Map.of(
                "/TaskTemplate/ContainerSpec/Secrets",
                "[{\"File\":{\"Name\":\"pw\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":256},\"SecretID\":\"s1-id\",\"SecretName\":\"s1\"}]",
                "/TaskTemplate/ContainerSpec/Configs",
                "[{\"File\":{\"Name\":\"c1\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"ConfigID\":\"c1-id\",\"ConfigName\":\"c1\"}]")),
                apply(TUNED, "--secret-rm", "s", "--secret-add", "source=s1,target=pw,mode=0400", "--config-add", "c1"));
        ObjectNode kept = apply(TUNED, "--secret-add", "s2");
        assertEquals(List.of("s", "s2"), kept.at("/TaskTemplate/ContainerSpec/Secrets").findValuesAsText("SecretName"), "added after those kept");
        assertTrue(apply(TUNED, "--secret-rm", "s").at("/TaskTemplate/ContainerSpec/Secrets").isMissingNode(), "none left: left out");
        assertEquals(json(TUNED), apply(TUNED, "--secret-rm", "sid", "--config-rm", "c1"), "removal is by name, not by ID or absent name");
        assertEquals("secret not found: nosuch", error(TUNED, "--secret-add", "nosuch"));
        assertEquals("config not found: s", error(TUNED, "--config-add", "s"));
        assertEquals("source is required", error(TUNED, "--config-add", "target=/x"));
    }

    @Test
    void runtimeConfigsGoWhenNoCredentialSpecUsesThemAsDockerDropsThem() {
        String withRuntime = TUNED.replace("\"Isolation\":\"default\"",
                "\"Isolation\":\"default\",\"Configs\":[{\"Runtime\":{},\"ConfigID\":\"cs-id\",\"ConfigName\":\"cs\"}]");
        assertTrue(apply(withRuntime, "--label-add", "x=y").at("/TaskTemplate/ContainerSpec/Configs").isMissingNode());
        String used = withRuntime.replace("\"Isolation\":\"default\"", "\"Isolation\":\"default\",\"Privileges\":{\"CredentialSpec\":{\"Config\":\"cs-id\"}}");
        assertEquals(json(used).at("/TaskTemplate/ContainerSpec/Configs"), apply(used, "--label-add", "x=y").at("/TaskTemplate/ContainerSpec/Configs"));
    }

    @Test
    void ulimitsSysctlsAndGenericResources() {
        assertEquals(expect(TUNED, Map.of(
                "/TaskTemplate/ContainerSpec/Ulimits", "[{\"Name\":\"nofile\",\"Soft\":1,\"Hard\":2},{\"Name\":\"nproc\",\"Soft\":64,\"Hard\":64}]",
                "/TaskTemplate/ContainerSpec/Sysctls", "{\"net.ipv4.ip_forward\":\"1\"}",
                "/TaskTemplate/Resources/Reservations", "{\"GenericResources\":[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":1}}]}")),
                apply(TUNED, "--ulimit-add", "nproc=64", "--ulimit-add", "nofile=1:2", "--sysctl-rm", "net.core.somaxconn",
                        "--sysctl-add", "net.ipv4.ip_forward=1", "--generic-resource-add", "gpu=1"),
                "ulimits by name, sorted; sysctls by key");
        assertEquals(expect(TUNED, java.util.Collections.singletonMap("/TaskTemplate/ContainerSpec/Ulimits", null)),
                apply(TUNED, "--ulimit-rm", "nofile"));
        assertEquals(expect(TUNED, java.util.Collections.singletonMap("/TaskTemplate/ContainerSpec/Sysctls", null)),
                apply(TUNED, "--sysctl-rm", "net.core.somaxconn=1"), "an empty map is left out; the key is what comes before =");
        String gpu = apply(TUNED, "--generic-resource-add", "gpu=1", "--generic-resource-add", "fpga=1").toString();
        assertEquals(json("[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":4}},{\"DiscreteResourceSpec\":{\"Kind\":\"fpga\",\"Value\":1}}]"),
                apply(gpu, "--generic-resource-add", "gpu=4").at("/TaskTemplate/Resources/Reservations/GenericResources"), "one per kind");
        assertEquals(json("{}"), apply(gpu, "--generic-resource-rm", "gpu", "--generic-resource-rm", "fpga").at("/TaskTemplate/Resources/Reservations"));
        assertEquals("could not find generic-resource `tpu` to remove it", error(gpu, "--generic-resource-rm", "tpu"));
        assertEquals("invalid ulimit argument: nofile", error(TUNED, "--ulimit-add", "nofile"));
    }

    @Test
    void capabilitiesAsDockersTriState() {
        ObjectNode notAdded = apply(TUNED, "--cap-drop", "net_admin");
        assertTrue(notAdded.at("/TaskTemplate/ContainerSpec/CapabilityAdd").isMissingNode(), "dropping an added one un-adds it");
        assertTrue(notAdded.at("/TaskTemplate/ContainerSpec/CapabilityDrop").isMissingNode(), "... and does not drop it yet");
        ObjectNode dropped = apply(notAdded.toString(), "--cap-drop", "net_admin");
        assertEquals(json("[\"CAP_NET_ADMIN\"]"), dropped.at("/TaskTemplate/ContainerSpec/CapabilityDrop"), "the second time it is dropped");
        assertEquals(json(TUNED), apply(TUNED, "--cap-add", "NET_ADMIN", "--cap-drop", "net_admin"), "adding wins over dropping");
        assertEquals(json("[\"CAP_SYS_TIME\"]"), apply(TUNED, "--cap-add", "RESET", "--cap-add", "sys_time")
                .at("/TaskTemplate/ContainerSpec/CapabilityAdd"), "RESET empties the list first");
        assertEquals(json("[\"ALL\"]"), apply(TUNED, "--cap-add", "all").at("/TaskTemplate/ContainerSpec/CapabilityAdd"), "ALL stands alone");
    }

    @Test
    void dnsHostsAndGroups() {
        ObjectNode dns = apply(TUNED, "--dns-add", "8.8.8.8", "--dns-add", "1.1.1.1", "--dns-add", "8.8.8.8", "--dns-search-add", "b.com",
                "--dns-search-add", "a.com.", "--dns-option-add", "ndots:1");
        assertEquals(json("{\"Nameservers\":[\"1.1.1.1\",\"8.8.8.8\"],\"Search\":[\"a.com\",\"b.com\"],\"Options\":[\"ndots:1\"]}"),
                dns.at("/TaskTemplate/ContainerSpec/DNSConfig"), "once each, sorted");
        assertEquals(json("{\"Search\":[\"a.com\",\"b.com\"]}"), apply(dns.toString(), "--dns-rm", "8.8.8.8", "--dns-rm", "1.1.1.1",
                "--dns-option-rm", "ndots:1").at("/TaskTemplate/ContainerSpec/DNSConfig"));
        assertEquals("IP address is not correctly formatted: dns.google", error(TUNED, "--dns-add", "dns.google"));

        assertEquals(json("[\"10.0.0.2 db\",\"10.0.0.3 cache\"]"), apply(TUNED, "--host-add", "db:10.0.0.2", "--host-add", "cache=10.0.0.3",
                "--host-add", "db:10.0.0.2").at("/TaskTemplate/ContainerSpec/Hosts"), "in order, once each");
        String hosts = TUNED.replace("\"Isolation\":\"default\"",
                "\"Isolation\":\"default\",\"Hosts\":[\"127.0.0.2 host3 host1 host2\",\"127.0.0.1 host1\",\"127.0.0.3 host1\"]");
        assertEquals(json("[\"127.0.0.2 host3 host1 host2\",\"127.0.0.3 host1\"]"),
                apply(hosts, "--host-rm", "host1:127.0.0.1").at("/TaskTemplate/ContainerSpec/Hosts"), "HOST:IP: from that address only");
        assertEquals(json("[\"127.0.0.2 host3 host2\",\"10.0.0.9 host1\"]"),
                apply(hosts, "--host-rm", "host1", "--host-add", "host1:10.0.0.9").at("/TaskTemplate/ContainerSpec/Hosts"),
                "HOST: from every entry, an entry left with no name goes; additions after");
        assertEquals("bad format for add-host: \"db\"", error(TUNED, "--host-add", "db"));

        ObjectNode groups = apply(TUNED, "--group-add", "wheel", "--group-add", "audio");
        assertEquals(json("[\"audio\",\"wheel\"]"), groups.at("/TaskTemplate/ContainerSpec/Groups"));
        assertEquals(json("[\"wheel\"]"), apply(groups.toString(), "--group-rm", "audio").at("/TaskTemplate/ContainerSpec/Groups"));
    }

    @Test
    void healthcheckLogDriverAndIsolation() {
        assertEquals(expect(TUNED, Map.of("/TaskTemplate/ContainerSpec/Healthcheck",
                "{\"Test\":[\"CMD\",\"true\"],\"Interval\":1000000000,\"Retries\":5,\"StartPeriod\":3000000000}")),
                apply(TUNED, "--health-retries", "5", "--health-start-period", "3s"), "each flag its field, the rest kept");
        assertEquals(json("{\"Test\":[\"CMD-SHELL\",\"curl -f x\"],\"Interval\":1000000000}"),
                apply(TUNED, "--health-cmd", "curl -f x").at("/TaskTemplate/ContainerSpec/Healthcheck"));
        assertEquals(json("{\"Interval\":1000000000}"), apply(TUNED, "--health-cmd", "").at("/TaskTemplate/ContainerSpec/Healthcheck"));
        ObjectNode none = apply(TUNED, "--no-healthcheck");
        assertEquals(json("{\"Test\":[\"NONE\"]}"), none.at("/TaskTemplate/ContainerSpec/Healthcheck"));
        assertEquals(json("{\"Timeout\":2000000000}"), apply(none.toString(), "--health-timeout", "2s").at("/TaskTemplate/ContainerSpec/Healthcheck"),
                "a health flag ends NONE");
        assertEquals("--no-healthcheck conflicts with --health-* options", error(TUNED, "--no-healthcheck", "--health-retries", "1"));

        assertEquals(expect(TUNED, Map.of("/TaskTemplate/LogDriver", "{\"Name\":\"syslog\"}")), apply(TUNED, "--log-driver", "syslog"),
                "a driver replaces driver and options");
        assertEquals(expect(TUNED, Map.of("/TaskTemplate/LogDriver", "{\"Name\":\"json-file\",\"Options\":{\"max-file\":\"2\"}}")),
                apply(TUNED, "--log-driver", "json-file", "--log-opt", "max-file=2"));
        assertEquals(json(TUNED), apply(TUNED, "--log-opt", "max-file=2"), "options without a driver change nothing");
        assertEquals(expect(TUNED, java.util.Collections.singletonMap("/TaskTemplate/ContainerSpec/Isolation", null)), apply(TUNED, "--isolation", ""));
    }

    @Test
    void throughTheCommandSecretsAreLookedUpAndAnUnknownOneChangesNothing() {
        FakeServices daemon = ServiceCreateTest.withSecretsAndConfigs().with("id1", TUNED);
        CliRun r = CliRun.run(daemon, "service", "update", "-d", "--secret-add", "s1", "--config-add", "source=c2,target=/c", "web");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(List.of("sid", "s1-id"), daemon.updates.get(0).at("/TaskTemplate/ContainerSpec/Secrets").findValuesAsText("SecretID"));
        assertEquals("c2-id", daemon.updates.get(0).at("/TaskTemplate/ContainerSpec/Configs/0/ConfigID").asText());

        CliRun unknown = CliRun.run(daemon, "service", "update", "-d", "--secret-add", "nosuch", "web");
        assertEquals(ExitCodes.FAILED, unknown.code());
        assertEquals("error: secret not found: nosuch\n", unknown.err());
        CliRun bad = CliRun.run(daemon, "service", "update", "-d", "--ulimit-add", "nofile=2:1", "web");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertEquals("error: ulimit soft limit must be less than or equal to hard limit: 2 > 1\n", bad.err());
        assertEquals(1, daemon.updates.size(), "the refused updates wrote nothing");
    }

    @Test
    void replicasOnlyForReplicatedServices() {
        String global = TUNED.replace("\"Replicated\":{\"Replicas\":2}", "\"Global\":{}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.swarmops.ops.SwarmOpsException.class,
                () -> apply(global, "--replicas", "3"));
        assertEquals("replicas can only be used with replicated mode", e.getMessage());
    }

    @Test
    void throughTheCommandTheReadSpecIsWrittenBackWithItsVersion() {
        FakeServices daemon = new FakeServices().with("id1", TUNED);
        CliRun r = CliRun.run(daemon, "service", "update", "--label-add", "x=y", "web");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals("web\n", r.out());
        assertEquals(List.of(expect(TUNED, Map.of("/Labels", "{\"a\":\"1\",\"x\":\"y\"}"))), daemon.updates);
        assertTrue(r.err().contains("service web: converged"), r.err());
    }

    @Test
    void nothingToChangeWritesNothing() {
        FakeServices daemon = new FakeServices().with("id1", TUNED);
        assertEquals(ExitCodes.OK, CliRun.run(daemon, "service", "update", "-d", "--label-add", "a=1", "web").code());
        assertEquals(List.of(), daemon.updates);
    }

    @Test
    void aNewImageIsPinnedUnlessNoResolveImage() {
        FakeServices daemon = new FakeServices().with("id1", TUNED);
        daemon.digest = "sha256:feed";
        assertEquals(ExitCodes.OK, CliRun.run(daemon, "service", "update", "-d", "--image", "new:2", "web").code());
        assertEquals("new:2@sha256:feed", daemon.updates.get(0).at("/TaskTemplate/ContainerSpec/Image").asText());
        assertEquals(ExitCodes.OK, CliRun.run(daemon, "service", "update", "-d", "--no-resolve-image", "--image", "new:3", "web").code());
        assertEquals("new:3", daemon.updates.get(1).at("/TaskTemplate/ContainerSpec/Image").asText());
    }

    @Test
    void rollbackAsksTheDaemonAndTakesNoOtherFlag() {
        FakeServices daemon = new FakeServices().with("id1", TUNED);
        CliRun refused = CliRun.run(daemon, "service", "update", "--rollback", "--image", "x", "web");
        assertEquals(ExitCodes.USAGE, refused.code());
        assertEquals("error: other flags may not be combined with --rollback: --image\n", refused.err());
        assertEquals(List.of(), daemon.updates);

        CliRun r = CliRun.run(daemon, "service", "update", "--rollback", "-d", "web");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(List.of(true), daemon.rollbacks);
    }

    @Test
    void scaleGoesOnAfterAFailureWaitsForWhatItScaledAndReportsTheFailure() {
        FakeServices daemon = new FakeServices().with("id1", TUNED);
        CliRun r = CliRun.run(daemon, "service", "scale", "nosuch=1", "web=3");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("web scaled to 3\n", r.out());
        assertTrue(r.err().contains("service web: converged"), r.err());
        assertTrue(r.err().endsWith("error: no such service: nosuch\n"), r.err());
        assertEquals(3, daemon.updates.get(0).at("/Mode/Replicated/Replicas").asInt());
    }

    @Test
    void anUnknownServiceIsOneLineAndExit1() {
        FakeServices daemon = new FakeServices();
        for (String[] args : new String[][] {{"service", "update", "--image", "x", "nosuch"}, {"service", "scale", "nosuch=3"},
                {"service", "restart", "nosuch"}, {"service", "rollback", "nosuch"}, {"service", "inspect", "nosuch"},
                {"service", "rm", "nosuch"}, {"service", "ps", "nosuch"}}) {
            CliRun r = CliRun.run(daemon, args);
            assertEquals(ExitCodes.FAILED, r.code(), String.join(" ", args));
            assertEquals("error: no such service: nosuch\n", r.err(), String.join(" ", args));
        }
        assertEquals(List.of(), daemon.updates);
    }
}
