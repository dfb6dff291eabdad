package io.swarmops.ops.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Engine's rules as the in-memory swarm keeps them (InMemorySwarmParityIT pins them against a real swarm). */
class InMemorySwarmTest {

    static ObjectNode service(String name, int replicas) {
        ObjectNode spec = Json.object().put("Name", name);
        spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "busybox");
        spec.putObject("Mode").putObject("Replicated").put("Replicas", replicas);
        return spec;
    }

    @Test
    void aReferenceIsAnIdThenANameThenAUniqueIdPrefix() {
        InMemorySwarm s = new InMemorySwarm();
        String web = s.createService(service("web", 1), null, w -> { }); // svc1
        for (int i = 2; i <= 11; i++) {
            s.createService(service("app" + i, 1), null, w -> { }); // svc2 .. svc11
        }
        s.createService(service("svc3", 1), null, w -> { }); // svc12, named like svc3's ID

        assertEquals(web, s.service("svc1").id(), "a full ID, though svc10 and svc11 start with it");
        assertEquals(web, s.service("web").id());
        assertEquals("svc12", s.service("svc12").id());
        assertEquals("svc3", s.service("svc3").id(), "a full ID comes before a name");
        assertEquals("svc5", s.service("app5").id());
        SwarmOpsException ambiguous = assertThrows(SwarmOpsException.class, () -> s.service("sv"));
        assertEquals(Kind.INVALID, ambiguous.kind());
        assertEquals("service sv is ambiguous (12 matches found)", ambiguous.getMessage());
        assertEquals(Kind.NOT_FOUND, assertThrows(SwarmOpsException.class, () -> s.service("db")).kind());
        assertEquals(Kind.INVALID, assertThrows(SwarmOpsException.class, () -> s.service(" ")).kind());
        s.removeService("app5");
        assertEquals(Kind.NOT_FOUND, assertThrows(SwarmOpsException.class, () -> s.service("svc5")).kind(), "removed by name");
    }

    @Test
    void aWriteWithAnotherVersionIsRefusedAndNotLogged() {
        InMemorySwarm s = new InMemorySwarm();
        s.createService(service("web", 1), null, w -> { });
        Service web = s.service("web");
        SwarmOpsException e = assertThrows(SwarmOpsException.class,
                () -> s.updateService("web", web.version() - 1, service("web", 3), null, false, w -> { }));
        assertEquals(Kind.CONFLICT, e.kind());
        assertTrue(e.getMessage().endsWith("update out of sequence"), e.getMessage());
        s.updateService("web", web.version(), service("web", 3), null, false, w -> { });
        assertEquals(3, s.service("web").replicas());
        assertTrue(s.service("web").version() > web.version(), "a write moves the version");
        assertEquals(Kind.CONFLICT, assertThrows(SwarmOpsException.class, () -> s.createService(service("web", 1), null, w -> { })).kind());
        assertEquals(List.of("service web: create", "service web: replicas 3"), s.writes());
    }

    @Test
    void listFiltersAreTheEnginesAndSecretDataIsNotReadBack() {
        InMemorySwarm s = new InMemorySwarm();
        s.createService(service("web", 1), null, w -> { });
        s.createService(service("webhook", 1), null, w -> { });
        s.createService(service("db", 1), null, w -> { });
        assertEquals(List.of("web", "webhook"), s.services(Map.of("name", List.of("web"))).stream().map(Service::name).toList(),
                "name matches a prefix");
        assertEquals(Kind.INVALID, assertThrows(SwarmOpsException.class, () -> s.services(Map.of("names", List.of("web")))).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(SwarmOpsException.class, () -> s.tasks(Map.of("service", List.of("cache")))).kind(),
                "a task filter's service is resolved first");
        s.createSecret(Json.object().put("Name", "pw").put("Data", "c2VjcmV0"));
        assertTrue(s.secret("pw").raw().at("/Spec/Data").isMissingNode());
    }
}
