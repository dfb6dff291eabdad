package io.swarmops.cli.service;

import static io.swarmops.cli.service.ServiceCreateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code service ls}: docker's columns as its formatter fills them. */
class ServiceLsTest {
    static Service service(String json) {
        return Service.from(json(json));
    }

    static Task task(String id, String state, String desired) {
        ObjectNode raw = Fixtures.task(id, "s", "n", 1, state).raw().deepCopy();
        raw.put("DesiredState", desired);
        return Task.from(raw);
    }

    @Test
    void portsGroupedAsDockerGroupsThem() {
        Service s = service("""
                {"ID":"s","Spec":{"Name":"web"},"Endpoint":{"Ports":[
                  {"Protocol":"tcp","TargetPort":81,"PublishedPort":8081,"PublishMode":"ingress"},
                  {"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"},
                  {"Protocol":"tcp","TargetPort":80,"PublishedPort":8082,"PublishMode":"ingress"},
                  {"Protocol":"udp","TargetPort":53,"PublishedPort":53,"PublishMode":"ingress"},
                  {"Protocol":"tcp","TargetPort":9000,"PublishedPort":9000,"PublishMode":"host"}]}}
                """);
        assertEquals("*:8080-8081->80-81/tcp, *:8082->80/tcp, *:53->53/udp", ServiceFormatter.ports(s));
    }

    @Test
    void replicasForEachMode() {
        List<Task> three = List.of(task("a", "running", "running"), task("b", "running", "running"), task("c", "preparing", "running"));
        assertEquals("2/3", ServiceFormatter.replicas(service("{\"Spec\":{\"Mode\":{\"Replicated\":{\"Replicas\":3}}}}"), three));
        assertEquals("2/3 (max 1 per node)", ServiceFormatter.replicas(
                service("{\"Spec\":{\"Mode\":{\"Replicated\":{\"Replicas\":3}},\"TaskTemplate\":{\"Placement\":{\"MaxReplicas\":1}}}}"), three));
        assertEquals("2/3", ServiceFormatter.replicas(service("{\"Spec\":{\"Mode\":{\"Global\":{}}}}"), three));
        List<Task> job = List.of(task("a", "complete", "complete"), task("b", "running", "complete"), task("c", "pending", "complete"));
        assertEquals("1/2 (1/5 completed)", ServiceFormatter.replicas(
                service("{\"Spec\":{\"Mode\":{\"ReplicatedJob\":{\"MaxConcurrent\":2,\"TotalCompletions\":5}}}}"), job));
        assertEquals("1/2 (1/3 completed)", ServiceFormatter.replicas(service("{\"Spec\":{\"Mode\":{\"GlobalJob\":{}}}}"), job));
    }

    @Test
    void namesInNaturalOrderAndModesWithASpace() {
        FakeServices daemon = new FakeServices() {
            @Override
            public List<Service> services(Map<String, List<String>> filters) {
                List<Service> out = new ArrayList<>();
                this.services.values().forEach(s -> out.add(Service.from(s)));
                return out;
            }
        };
        daemon.with("id10", "{\"Name\":\"web10\",\"Mode\":{\"ReplicatedJob\":{\"TotalCompletions\":1}},\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"i\"}}}");
        daemon.with("id2", "{\"Name\":\"web2\",\"Mode\":{\"Global\":{}},\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"i@sha256:x\"}}}");
        daemon.services.values().forEach(s -> ((ObjectNode) s).set("Endpoint", Json.object()));
        CliRun r = CliRun.run(daemon, "service", "ls");
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out() + r.err());
        assertEquals(List.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"), List.of(lines.get(0).trim().split("\\s{2,}")));
        assertEquals(List.of("id2", "web2", "global", "1/1", "i"), List.of(lines.get(1).trim().split("\\s{2,}")));
        assertEquals("web10", lines.get(2).split("\\s{2,}")[1]);
        assertEquals("replicated job", lines.get(2).split("\\s{2,}")[2]);
    }
}
