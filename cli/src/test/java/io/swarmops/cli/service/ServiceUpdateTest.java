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
        return u.apply((ObjectNode) json(spec), Map.of("FROM_ENV", "e"), ref -> "id-" + ref);
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
        assertEquals(json("[{\"Target\":\"id-app\",\"Aliases\":[\"x\"]},{\"Target\":\"id-back\"}]"), after.at("/TaskTemplate/Networks"));
        String attached = after.toString();
        assertEquals(json("[{\"Target\":\"id-back\"}]"), apply(attached, "--network-rm", "app").at("/TaskTemplate/Networks"));
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
