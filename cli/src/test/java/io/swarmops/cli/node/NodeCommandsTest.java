package io.swarmops.cli.node;

import static io.swarmops.ops.testing.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.testing.StubGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeCommandsTest {
    /** Nodes in memory; updates are checked against the version, as the daemon checks them. */
    static class NodeStore extends StubGateway {
        final Map<String, Node> nodes = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();

        NodeStore(Node... ns) {
            for (Node n : ns) {
                nodes.put(n.id(), n);
            }
        }

        @Override
        public List<Node> nodes() {
            return new ArrayList<>(nodes.values());
        }

        @Override
        public Node node(String ref) {
            return nodes.values().stream().filter(n -> n.id().equals(ref) || n.hostname().equals(ref)).findFirst()
                    .orElseThrow(() -> SwarmOpsException.notFound("node", ref));
        }

        @Override
        public void updateNode(String id, long version, ObjectNode spec) {
            Node n = nodes.get(id);
            if (n.version() != version) {
                throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, "update out of sequence");
            }
            ObjectNode raw = n.raw().deepCopy();
            raw.set("Spec", spec);
            ((ObjectNode) raw.get("Version")).put("Index", version + 1);
            nodes.put(id, Node.from(raw));
            writes.add(id + " " + spec);
        }

        @Override
        public EngineInfo info() {
            ObjectNode i = Json.object();
            i.putObject("Swarm").put("NodeID", "id1").put("LocalNodeState", "active").put("ControlAvailable", true);
            return EngineInfo.from(i);
        }
    }

    @Test
    void lsPrintsDockersColumnsSortedNaturallyWithSelfMarked() {
        NodeStore g = new NodeStore(node("id10", "node10", null), node("id2", "node2", "reachable"), node("id1", "node1", "leader"));
        CliRun r = CliRun.run(g, "node", "ls");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "ID        HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION\n"
                + "id1 *     node1      Ready     Active         Leader           20.10.24\n"
                + "id2       node2      Ready     Active         Reachable        20.10.24\n"
                + "id10      node10     Ready     Active                          20.10.24\n", r.out());
    }

    @Test
    void lsJsonIsDockersOneObjectPerLineWithTheColumnsFields() throws Exception {
        NodeStore g = new NodeStore(node("id1", "node1", "leader"), node("id2", "node2", null));
        CliRun r = CliRun.run(g, "node", "ls", "--format", "json");
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        var first = Json.MAPPER.readTree(lines.get(0));
        assertEquals(List.of("Availability", "EngineVersion", "Hostname", "ID", "ManagerStatus", "Self", "Status", "TLSStatus"),
                iterate(first.fieldNames()));
        assertEquals("node1", first.path("Hostname").asText());
        assertEquals("id1", first.path("ID").asText(), "no ' *' outside the table");
        assertEquals("Leader", first.path("ManagerStatus").asText());
        assertTrue(first.path("Self").isBoolean());
        assertEquals("node2", Json.MAPPER.readTree(lines.get(1)).path("Hostname").asText());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void lsFiltersByRoleAndQuietPrintsIds() {
        NodeStore g = new NodeStore(node("id1", "node1", "leader"), node("id2", "node2", null));
        assertEquals("id2\n", CliRun.run(g, "node", "ls", "-q", "--filter", "role=worker").out());
        assertEquals(ExitCodes.USAGE, CliRun.run(g, "node", "ls", "--filter", "color=red").code());
    }

    @Test
    void promoteSaysWhenAlreadyAManagerAndWritesNothing() {
        NodeStore g = new NodeStore(node("id1", "node1", "leader"), node("id2", "node2", null));
        CliRun r = CliRun.run(g, "node", "promote", "node1", "node2");
        assertEquals(0, r.code(), r.err());
        assertEquals("Node node1 is already a manager.\nNode node2 promoted to a manager in the swarm.\n", r.out());
        assertEquals(1, g.writes.size());
        assertEquals("manager", g.nodes.get("id2").role());
    }

    @Test
    void severalTargetsGoOnAfterAFailure() {
        NodeStore g = new NodeStore(node("id1", "node1", "leader"), node("id2", "node2", "reachable"));
        CliRun r = CliRun.run(g, "node", "demote", "nosuch", "node2");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("Manager node2 demoted in the swarm.\n", r.out());
        assertEquals("error: no such node: nosuch\n", r.err());
        assertEquals("worker", g.nodes.get("id2").role());
    }

    @Test
    void updateMergesLabelsAndAvailabilityKeepingOtherFields() {
        NodeStore g = new NodeStore(node("id1", "node1", "leader"));
        ((ObjectNode) g.nodes.get("id1").raw().get("Spec")).put("Name", "kept");
        g.nodes.put("id1", Node.from(g.nodes.get("id1").raw()));
        CliRun r = CliRun.run(g, "node", "update", "--availability", "drain", "--label-add", "rack=r1",
                "--label-add", "ssd", "node1");
        assertEquals(0, r.code(), r.err());
        Node n = g.nodes.get("id1");
        assertEquals("drain", n.availability());
        assertEquals(Map.of("rack", "r1", "ssd", ""), n.labels());
        assertEquals("kept", n.raw().path("Spec").path("Name").asText(), "fields swarmops does not set survive");
        CliRun rm = CliRun.run(g, "node", "update", "--label-rm", "rack", "node1");
        assertEquals(0, rm.code());
        assertEquals(Map.of("ssd", ""), g.nodes.get("id1").labels());
    }

    @Test
    void removingALabelThatIsNotThereIsAUsageError() {
        NodeStore g = new NodeStore(node("id1", "node1", "leader"));
        CliRun r = CliRun.run(g, "node", "update", "--label-rm", "nosuch", "node1");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("error: key nosuch doesn't exist in node's labels\n", r.err());
        assertTrue(g.writes.isEmpty());
    }

    @Test
    void invalidAvailabilityIsRefusedBeforeAnyCall() {
        CliRun r = CliRun.run(new StubGateway(), "node", "update", "--availability", "sleep", "node1");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("invalid availability"), r.err());
    }

    @Test
    void aConcurrentChangeIsRetriedOnAFreshRead() {
        NodeStore g = new NodeStore(node("id1", "node1", "leader")) {
            boolean raced;

            @Override
            public void updateNode(String id, long version, ObjectNode spec) {
                if (!raced) {
                    raced = true;
                    super.updateNode(id, version, nodes.get(id).spec().put("Availability", "pause")); // someone else wrote
                }
                super.updateNode(id, version, spec);
            }
        };
        CliRun r = CliRun.run(g, "node", "update", "--label-add", "a=b", "node1");
        assertEquals(0, r.code(), r.err());
        assertEquals(Map.of("a", "b"), g.nodes.get("id1").labels());
        assertEquals("pause", g.nodes.get("id1").availability(), "the other writer's change is kept");
    }

    @Test
    void templatesAsScriptsUseThem() {
        NodeStore g = new NodeStore(node("id1", "node1", "leader"), node("id2", "node2", null));
        assertEquals("node1\nnode2\n", CliRun.run(g, "node", "ls", "--format", "{{.Hostname}}").out());
        assertEquals("id1 true Leader\nid2 false \n", CliRun.run(g, "node", "ls", "--format", "{{.ID}} {{.Self}} {{.ManagerStatus}}").out());
        assertEquals("HOSTNAME   STATUS\nnode1      Ready\nnode2      Ready\n",
                CliRun.run(g, "node", "ls", "--format", "table {{.Hostname}}\\t{{.Status}}").out());
        assertEquals("\"node1\"\n\"node2\"\n", CliRun.run(g, "node", "ls", "--format", "{{json .Hostname}}").out());
        CliRun bad = CliRun.run(g, "node", "ls", "--format", "{{.Color}}");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().startsWith("error: template: no field \"Color\""), bad.err());
        assertEquals(ExitCodes.USAGE, CliRun.run(g, "node", "ls", "--format", "{{range .}}x{{end}}").code());
    }
}
