package io.swarmops.ops.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeInventoryTest {
    @TempDir
    Path dir;

    static Node node(String id, String hostname, String addr, Map<String, String> labels) {
        ObjectNode raw = Fixtures.node(id, hostname, null).raw().deepCopy();
        ((ObjectNode) raw.get("Status")).put("Addr", addr);
        ObjectNode l = ((ObjectNode) raw.get("Spec")).putObject("Labels");
        labels.forEach(l::put);
        return Node.from(raw);
    }

    NodeInventory read(String yaml) throws Exception {
        Path f = dir.resolve("power.yaml");
        Files.writeString(f, yaml);
        return NodeInventory.read(f);
    }

    static final String FILE = """
            power:
              off: [ssh, "root@{addr}", poweroff]
            nodes:
              default: ssh://root@{addr}
              tls: {ca: /etc/swarmops/ca.pem, cert: /etc/swarmops/cert.pem, key: /etc/swarmops/key.pem}
              match:
                - label: zone=east
                  host: tcp://{addr}
                - hostname: web1
                  host: unix:///run/web1.sock
                - id: n3
                  host: ssh://admin@{hostname}:2222
                - label: zone
                  host: tcp://{addr}:2375
                  tls: {verify: false}
            """;

    @Test
    void theMostSpecificEntryWinsAndTheDefaultTakesTheRest() throws Exception {
        NodeInventory inv = read(FILE);
        DockerEndpoint def = inv.resolve(node("n1", "db1", "10.0.0.1", Map.of()), Map.of());
        assertEquals("ssh://root@10.0.0.1", def.host().toString());
        assertFalse(def.tls());
        assertTrue(def.source().endsWith("nodes.default"), def.source());

        DockerEndpoint east = inv.resolve(node("n2", "db2", "10.0.0.2", Map.of("zone", "east")), Map.of());
        assertEquals("tcp://10.0.0.2:2376", east.host().toString(), "TLS without a port: docker's 2376");
        assertTrue(east.tls() && east.verify());
        assertEquals(Path.of("/etc/swarmops/ca.pem"), east.caCert());
        assertTrue(east.source().endsWith("nodes.match label zone=east"), east.source());

        // web1 is in zone east too: a hostname is more specific than a label
        DockerEndpoint web = inv.resolve(node("n4", "web1", "10.0.0.4", Map.of("zone", "east")), Map.of());
        assertEquals("unix:///run/web1.sock", web.host().toString());

        // an ID is more specific than a hostname
        DockerEndpoint byId = inv.resolve(node("n3", "web1", "10.0.0.3", Map.of()), Map.of());
        assertEquals("ssh://admin@web1:2222", byId.host().toString());

        // a label key alone matches any value; the entry's own TLS replaces the shared one
        DockerEndpoint west = inv.resolve(node("n5", "db5", "10.0.0.5", Map.of("zone", "west")), Map.of());
        assertEquals("tcp://10.0.0.5:2375", west.host().toString());
        assertTrue(west.tls());
        assertFalse(west.verify());
        assertNull(west.caCert());
    }

    @Test
    void theCommandLineBeatsTheFileByHostnameOrId() throws Exception {
        NodeInventory inv = read(FILE);
        Node web = node("n4", "web1", "10.0.0.4", Map.of());
        var byName = NodeInventory.parseOverride("web1=ssh://ops@bastion:2200");
        assertEquals("ssh://ops@bastion:2200", inv.resolve(web, Map.ofEntries(byName)).host().toString());
        assertEquals("--node-host web1", inv.resolve(web, Map.ofEntries(byName)).source());
        var byId = NodeInventory.parseOverride("n4=tcp://127.0.0.1:2375");
        assertEquals("tcp://127.0.0.1:2375", inv.resolve(web, Map.ofEntries(byId)).host().toString());
        assertEquals("unix:///run/web1.sock", inv.resolve(web, Map.of("other", "tcp://x:1")).host().toString());
    }

    @Test
    void withoutANodesSectionEveryNodeIsReachedOverSshAtItsSwarmAddress() throws Exception {
        NodeInventory inv = read("power:\n  timeout: 30s\n");
        assertEquals("ssh://10.0.0.9", inv.resolve(node("n9", "x", "10.0.0.9", Map.of()), Map.of()).host().toString());
        assertEquals("ssh://10.0.0.9", NodeInventory.builtIn().resolve(node("n9", "x", "10.0.0.9", Map.of()), Map.of()).host().toString());
    }

    @Test
    void aManagerReporting0000IsReachedAtItsRaftAddress() {
        ObjectNode raw = Fixtures.node("m1", "mgr", "leader").raw().deepCopy();
        ((ObjectNode) raw.get("Status")).put("Addr", "0.0.0.0");
        ((ObjectNode) raw.get("ManagerStatus")).put("Addr", "10.1.1.1:2377");
        assertEquals("ssh://10.1.1.1", NodeInventory.builtIn().resolve(Node.from(raw), Map.of()).host().toString());
    }

    @Test
    void aHostileValueFromTheClusterIsNotSplicedIntoAnAddress() {
        Node evil = node("n6", "x -oProxyCommand=sh", "10.0.0.6", Map.of());
        NodeInventory inv = new NodeInventory("t", "ssh://root@{hostname}", null, List.of());
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> inv.resolve(evil, Map.of()));
        assertTrue(e.getMessage().contains("not a plain name"), e.getMessage());
        Node dash = node("n7", "-oProxyCommand=sh", "10.0.0.7", Map.of());
        assertThrows(SwarmOpsException.class, () -> inv.resolve(dash, Map.of()));
        Node noAddr = node("n8", "h8", "", Map.of());
        SwarmOpsException none = assertThrows(SwarmOpsException.class, () -> NodeInventory.builtIn().resolve(noAddr, Map.of()));
        assertTrue(none.getMessage().contains("--node-host"), none.getMessage());
    }

    @Test
    void mistakesInTheFileAreRefusedWithWhereTheyAre() {
        assertRefused("nodes:\n  defualt: ssh://{addr}\n", "unknown key nodes.defualt");
        assertRefused("nodes:\n  match:\n    - hostname: a\n      id: b\n      host: ssh://a\n", "nodes.match[0]: give exactly one of");
        assertRefused("nodes:\n  match:\n    - hostname: a\n", "nodes.match[0]: no host");
        assertRefused("nodes:\n  match:\n    - hostname: a\n      host: http://a\n", "nodes.match[0].host: http://a: expected unix");
        assertRefused("nodes:\n  match: {hostname: a}\n", "nodes.match: expected a list");
        assertRefused("nodes:\n  tls: {cert: /c}\n", "nodes.tls: verify needs ca");
        assertRefused("nodes:\n  tls: {ca: /c, verify: maybe}\n", "nodes.tls.verify: expected true or false");
        assertRefused("nodes: [a]\n", "nodes: expected a mapping");
        assertRefused("nodes:\n  default: ssh://\n", "nodes.default: not an address: ssh://");
        assertRefused("nodes: {default: [x\n", "not valid YAML");
    }

    @Test
    void aCommandLineOverrideIsCheckedAndMustNameANode() {
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> NodeInventory.parseOverride("node2"));
        assertTrue(e.getMessage().startsWith("--node-host node2: expected NODE=ADDR"), e.getMessage());
        assertThrows(SwarmOpsException.class, () -> NodeInventory.parseOverride("node2=ftp://x"));
        List<Node> nodes = List.of(node("n1", "a", "10.0.0.1", Map.of()));
        NodeInventory.requireKnown(Map.of("a", "ssh://x", "n1", "ssh://y"), nodes);
        SwarmOpsException unknown = assertThrows(SwarmOpsException.class, () -> NodeInventory.requireKnown(Map.of("b", "ssh://x"), nodes));
        assertEquals("--node-host b: no such node in the swarm", unknown.getMessage());
    }

    private void assertRefused(String yaml, String expected) {
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> read(yaml));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(SwarmOpsException.Kind.INVALID, e.kind());
    }
}
