package io.swarmops.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.memory.InMemorySwarm;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.SwarmObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The in-memory swarm answers as the Engine does: the same look-ups by reference (full ID, exact
 * name, unique ID prefix, ambiguous prefix, a name that is also another object's ID prefix,
 * nothing), the same list filters, the same refusals of a stale version and of a taken name, asked
 * of a real swarm and of its copy in memory, compared answer by answer.
 */
class InMemorySwarmParityIT {
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("imsp", 1, 1);
    static SwarmGateway live;
    static final String P = "imsp" + System.getenv().getOrDefault(TestSwarm.PREFIX_SUFFIX, "");

    @BeforeAll
    static void up() {
        live = sandbox.gateway();
        // objects until two of a kind share their ID's first character (36 of them at most): an ambiguous prefix
        untilTwoShareAPrefix(() -> live.createConfig(data(P + "-c" + live.configs(Map.of()).size())), () -> ids(live.configs(Map.of())));
        untilTwoShareAPrefix(() -> live.createSecret(data(P + "-s" + live.secrets(Map.of()).size())), () -> ids(live.secrets(Map.of())));
        untilTwoShareAPrefix(() -> live.createService(idle(P + "-v" + live.services(Map.of()).size()), null, w -> { }),
                () -> live.services(Map.of()).stream().map(s -> s.id()).toList());
        // a name that is another object's ID prefix: the name wins
        String someConfig = live.configs(Map.of()).get(0).id();
        live.createConfig(data(someConfig.substring(0, 3)));
        String someService = live.services(Map.of()).get(0).id();
        live.createService(idle(someService.substring(0, 3)), null, w -> { });
        ObjectNode net = Json.object().put("Name", P + "-net").put("Driver", "overlay").put("Attachable", true);
        live.createNetwork(net);
    }

    static ObjectNode data(String name) {
        return Json.object().put("Name", name).put("Data", Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8)));
    }

    static ObjectNode idle(String name) {
        ObjectNode spec = Json.object().put("Name", name);
        spec.putObject("Labels").put("parity", name.endsWith("0") ? "zero" : "other");
        spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", BusyboxImage.NAME);
        spec.putObject("Mode").putObject("Replicated").put("Replicas", 0);
        return spec;
    }

    static void untilTwoShareAPrefix(Runnable create, Supplier<List<String>> ids) {
        for (int i = 0; i < 40; i++) {
            create.run();
            List<String> all = ids.get();
            if (all.stream().map(id -> id.charAt(0)).distinct().count() < all.size()) {
                return;
            }
        }
        throw new AssertionError("40 objects and no two IDs start alike");
    }

    static List<String> ids(List<SwarmObject> objects) {
        return objects.stream().map(SwarmObject::id).toList();
    }

    /** Every reference worth asking: IDs, names, ID prefixes of 1 to 3 characters, a name nothing has, an empty one. */
    static Set<String> references(List<String> ids, List<String> names) {
        Set<String> refs = new LinkedHashSet<>(ids);
        refs.addAll(names);
        for (String id : ids) {
            for (int n = 1; n <= 3; n++) {
                refs.add(id.substring(0, n));
            }
        }
        refs.add(P + "-nothing");
        refs.add("");
        return refs;
    }

    /** What a look-up answers: the object's ID, or the failure's kind and message. */
    static String answer(Supplier<String> lookup) {
        try {
            return "found " + lookup.get();
        } catch (SwarmOpsException e) {
            return e.kind() + ": " + e.getMessage();
        }
    }

    static void sameAnswers(String kind, Set<String> refs, InMemorySwarm memory, Function<SwarmGateway, Function<String, String>> lookup) {
        Map<String, String> real = new TreeMap<>();
        Map<String, String> copy = new TreeMap<>();
        for (String ref : refs) {
            real.put(ref, answer(() -> lookup.apply(live).apply(ref)));
            copy.put(ref, answer(() -> lookup.apply(memory).apply(ref)));
        }
        assertEquals(real, copy, kind + " look-ups");
        assertTrue(real.values().stream().anyMatch(a -> a.contains("is ambiguous")), kind + ": an ambiguous prefix was asked: " + real);
    }

    @Test
    void lookUpsByReferenceAnswerAsTheEngine() {
        InMemorySwarm memory = InMemorySwarm.of(live);
        List<SwarmObject> configs = live.configs(Map.of());
        sameAnswers("config", references(ids(configs), configs.stream().map(SwarmObject::name).toList()), memory,
                g -> ref -> g.config(ref).id());
        List<SwarmObject> secrets = live.secrets(Map.of());
        sameAnswers("secret", references(ids(secrets), secrets.stream().map(SwarmObject::name).toList()), memory,
                g -> ref -> g.secret(ref).id());
        var services = live.services(Map.of());
        sameAnswers("service", references(services.stream().map(s -> s.id()).toList(), services.stream().map(s -> s.name()).toList()),
                memory, g -> ref -> g.service(ref).id());

        Map<String, String> real = new TreeMap<>();
        Map<String, String> copy = new TreeMap<>();
        var nodes = live.nodes();
        for (String ref : references(nodes.stream().map(n -> n.id()).toList(), nodes.stream().map(n -> n.hostname()).toList())) {
            real.put(ref, answer(() -> live.node(ref).id()));
            copy.put(ref, answer(() -> memory.node(ref).id()));
        }
        assertEquals(real, copy, "node look-ups");
    }

    @Test
    void listFiltersAnswerAsTheEngine() {
        InMemorySwarm memory = InMemorySwarm.of(live);
        List<Map<String, List<String>>> filters = new ArrayList<>();
        filters.add(Map.of("name", List.of(P + "-v1")));
        filters.add(Map.of("name", List.of(P + "-v")));
        filters.add(Map.of("id", List.of(live.services(Map.of()).get(0).id().substring(0, 1))));
        filters.add(Map.of("label", List.of("parity")));
        filters.add(Map.of("label", List.of("parity=zero")));
        filters.add(Map.of("mode", List.of("replicated")));
        filters.add(Map.of("nonsense", List.of("x")));
        for (Map<String, List<String>> f : filters) {
            assertEquals(answer(() -> live.services(f).stream().map(s -> s.id()).sorted().toList().toString()),
                    answer(() -> memory.services(f).stream().map(s -> s.id()).sorted().toList().toString()), "services " + f);
        }
        for (Map<String, List<String>> f : List.of(Map.of("name", List.of(P + "-c1")), Map.of("names", List.of(P + "-c1")), Map.of("label", List.of("x")),
                Map.of("id", List.of(live.configs(Map.of()).get(0).id().substring(0, 2))))) {
            assertEquals(answer(() -> ids(live.configs(f)).stream().sorted().toList().toString()),
                    answer(() -> ids(memory.configs(f)).stream().sorted().toList().toString()), "configs " + f);
        }
        String node = live.nodes().get(0).id();
        for (Map<String, List<String>> f : List.of(Map.of("node", List.of("node1")), Map.of("node", List.of(node.substring(0, 4))),
                Map.of("desired-state", List.of("running")))) {
            assertEquals(answer(() -> String.valueOf(live.tasks(f).size())), answer(() -> String.valueOf(memory.tasks(f).size())), "tasks " + f);
        }
        assertEquals(kindOf(() -> live.tasks(Map.of("service", List.of(P + "-nothing")))),
                kindOf(() -> memory.tasks(Map.of("service", List.of(P + "-nothing")))), "a task filter naming no service");
        for (Map<String, List<String>> f : List.of(Map.of("name", List.of(P + "-net")), Map.of("driver", List.of("overlay")))) {
            assertEquals(answer(() -> ids(live.networks(f)).stream().sorted().toList().toString()),
                    answer(() -> ids(memory.networks(f)).stream().sorted().toList().toString()), "networks " + f);
        }
    }

    @Test
    void aStaleVersionAndATakenNameAreRefusedAsByTheEngine() {
        InMemorySwarm memory = InMemorySwarm.of(live);
        SwarmObject c = live.configs(Map.of("name", List.of(P + "-c0"))).get(0);
        ObjectNode relabelled = c.spec();
        relabelled.putObject("Labels").put("parity", "stale");
        assertEquals(answer(() -> {
            live.updateConfig(c.id(), c.version() - 1, relabelled);
            return "updated";
        }), answer(() -> {
            memory.updateConfig(c.id(), c.version() - 1, relabelled);
            return "updated";
        }), "an update with a stale version");
        var s = live.services(Map.of("name", List.of(P + "-v0"))).get(0);
        assertEquals(answer(() -> {
            live.updateService(s.id(), s.version() + 1, s.spec(), null, false, w -> { });
            return "updated";
        }), answer(() -> {
            memory.updateService(s.id(), s.version() + 1, s.spec(), null, false, w -> { });
            return "updated";
        }), "an update with a version not yet reached");
        assertEquals(answer(() -> live.createConfig(data(P + "-c0"))), answer(() -> memory.createConfig(data(P + "-c0"))), "a config's name taken");
        assertEquals(answer(() -> live.createSecret(data(P + "-s0"))), answer(() -> memory.createSecret(data(P + "-s0"))), "a secret's name taken");
        assertEquals(answer(() -> live.createService(idle(P + "-v0"), null, w -> { })),
                answer(() -> memory.createService(idle(P + "-v0"), null, w -> { })), "a service's name taken");
        assertEquals(List.of(), memory.writes(), "refused writes are not in the log");
        assertTrue(memory.secret(P + "-s0").raw().at("/Spec/Data").isMissingNode(), "secret data is never read back");
        assertEquals(live.secret(P + "-s0").raw().at("/Spec/Data").isMissingNode(), memory.secret(P + "-s0").raw().at("/Spec/Data").isMissingNode());
    }

    static String kindOf(Runnable call) {
        try {
            call.run();
            return "answered";
        } catch (SwarmOpsException e) {
            return e.kind().name();
        }
    }
}
