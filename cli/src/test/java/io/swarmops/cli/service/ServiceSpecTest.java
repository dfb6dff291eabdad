package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.testing.StubGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServiceSpecTest {
    static ServiceCreate create(String... args) {
        ServiceCreate c = new ServiceCreate();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void createBuildsTheEngineSpec() throws Exception {
        ObjectNode spec = create("--name", "web", "--replicas", "3", "-e", "A=1", "-l", "team=ops", "--constraint",
                "node.role==worker", "--placement-pref", "spread=node.labels.rack", "-p", "8080:80", "-p",
                "published=53,target=53,protocol=udp,mode=host", "--mount", "type=bind,source=/data,target=/data,readonly",
                "--reserve-cpu", "0.5", "--reserve-memory", "64M", "--limit-memory", "1g", "--update-parallelism", "2",
                "--update-delay", "10s", "--restart-condition", "on-failure", "--max-replicas", "2",
                "swarmops/busybox:latest", "sleep", "3600").spec();
        String expected = """
                {"Name":"web","Labels":{"team":"ops"},
                 "TaskTemplate":{"ContainerSpec":{"Image":"swarmops/busybox:latest","Args":["sleep","3600"],"Env":["A=1"],
                   "Mounts":[{"Type":"bind","Source":"/data","Target":"/data","ReadOnly":true}]},
                   "Placement":{"Constraints":["node.role==worker"],"Preferences":[{"Spread":{"SpreadDescriptor":"node.labels.rack"}}],"MaxReplicas":2},
                   "ForceUpdate":0,
                   "Resources":{"Reservations":{"NanoCPUs":500000000,"MemoryBytes":67108864},"Limits":{"MemoryBytes":1073741824}},
                   "RestartPolicy":{"Condition":"on-failure"}},
                 "Mode":{"Replicated":{"Replicas":3}},
                 "UpdateConfig":{"Parallelism":2,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first","Delay":10000000000},
                 "RollbackConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"},
                 "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},
                   {"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"host"}]}}
                """;
        assertEquals(Json.MAPPER.readTree(expected), Json.MAPPER.readTree(spec.toString()), "as the daemon reads it");
    }

    @Test
    void globalModeRefusesReplicas() {
        assertThrows(SwarmOpsException.class, () -> create("--mode", "global", "--replicas", "2", "img").spec());
        assertEquals("{\"Global\":{}}", create("--mode", "global", "img").spec().path("Mode").toString());
    }

    @Test
    void badFlagValuesAreOneLineUsageErrors() {
        assertThrows(SwarmOpsException.class, () -> ServiceSpecs.port("80:http"));
        assertThrows(SwarmOpsException.class, () -> ServiceSpecs.mount("type=bind,source=/x"));
        assertThrows(SwarmOpsException.class, () -> ServiceSpecs.bytes("lots"));
        assertEquals(1536L * 1024 * 1024, ServiceSpecs.bytes("1.5g"));
        CliRun r = CliRun.run(new StubGateway(), "service", "create", "--update-order", "random", "--no-resolve-image", "img");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("error: invalid --update-order \"random\": use start-first, stop-first\n", r.err());
    }

    @Test
    void updateIsAPureMergeThatKeepsUnknownFields() throws Exception {
        ObjectNode spec = (ObjectNode) Json.MAPPER.readTree("""
                {"Name":"web","Labels":{"a":"1"},"TaskTemplate":{"ContainerSpec":{"Image":"old","Env":["A=1","B=2"],
                 "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":2048}],"Sysctls":{"net.core.somaxconn":"1024"},
                 "CapabilityAdd":["CAP_NET_ADMIN"]},"ForceUpdate":4},
                 "Mode":{"Replicated":{"Replicas":2}},"EndpointSpec":{"Ports":[{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080}]}}
                """);
        ServiceUpdate u = new ServiceUpdate();
        new CommandLine(u).parseArgs("--image", "new", "--env-add", "B=3", "--env-rm", "A", "--label-add", "b=2", "--label-rm", "a",
                "--publish-rm", "80", "--publish-add", "9090:90", "--force", "--replicas", "5", "web");
        ObjectNode after = u.apply(spec.deepCopy());
        assertEquals("new", after.at("/TaskTemplate/ContainerSpec/Image").asText());
        assertEquals("[\"B=3\"]", after.at("/TaskTemplate/ContainerSpec/Env").toString());
        assertEquals("{\"b\":\"2\"}", after.path("Labels").toString());
        assertEquals(5, after.at("/TaskTemplate/ForceUpdate").asInt());
        assertEquals(5, after.at("/Mode/Replicated/Replicas").asInt());
        assertEquals("[{\"Protocol\":\"tcp\",\"TargetPort\":90,\"PublishedPort\":9090,\"PublishMode\":\"ingress\"}]",
                after.at("/EndpointSpec/Ports").toString());
        for (String kept : List.of("/TaskTemplate/ContainerSpec/Ulimits", "/TaskTemplate/ContainerSpec/Sysctls", "/TaskTemplate/ContainerSpec/CapabilityAdd")) {
            assertEquals(spec.at(kept), after.at(kept), kept + " survives");
        }
    }

    @Test
    void unknownServiceIsOneLineAndExit1() {
        StubGateway g = new StubGateway() {
            @Override
            public io.swarmops.ops.model.Service service(String reference) {
                throw SwarmOpsException.notFound("service", reference);
            }

            @Override
            public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> w) {
                throw new AssertionError("nothing may be written");
            }
        };
        CliRun r = CliRun.run(g, "service", "update", "--image", "x", "-d", "nosuch");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("error: no such service: nosuch\n", r.err());
        List<String> refs = new ArrayList<>();
        assertEquals(ExitCodes.FAILED, CliRun.run(g, "service", "scale", "nosuch=3").code());
        assertEquals(List.of(), refs);
    }
}
