package io.swarmops.cli;

import static io.swarmops.cli.format.Golden.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every list command's table, pinned by a golden file (src/test/resources/golden), over one fixed
 * swarm: hostnames, service and stack names that natural order sorts otherwise than lexical order, a
 * node per TLS status, every service mode, grouped ports, a per-node limit, a slot with a
 * predecessor (indented), a global service's tasks, a long error, a pending task on no node. Task
 * times are 74 hours back, so every age prints "3 days ago" whenever the test runs.
 */
class ListTablesTest {
    static final ListingSwarm SWARM = new ListingSwarm();

    @Test
    void nodeLs() {
        assertGolden("node-ls", run("node", "ls"));
    }

    @Test
    void nodePs() {
        assertGolden("node-ps", run("node", "ps", "node1", "node10"));
    }

    @Test
    void serviceLs() {
        assertGolden("service-ls", run("service", "ls"));
    }

    @Test
    void servicePs() {
        assertGolden("service-ps", run("service", "ps", "web", "web10"));
        assertGolden("service-ps-no-trunc", run("service", "ps", "--no-trunc", "web"));
    }

    @Test
    void stackLs() {
        assertGolden("stack-ls", run("stack", "ls"));
    }

    @Test
    void stackServices() {
        assertGolden("stack-services", run("stack", "services", "demo"));
    }

    @Test
    void stackPs() {
        assertGolden("stack-ps", run("stack", "ps", "demo"));
    }

    @Test
    void olderTasksIndentedOnlyInTables() {
        assertGolden("service-ps-template-table", run("service", "ps", "--format", "table {{.Name}}\\t{{.Node}}\\t{{.DesiredState}}", "web"));
        // docker indents where it prints a table, not in a plain template or JSON
        assertEquals("web.1\nweb.1\nweb.2\nweb.3\n", run("service", "ps", "--format", "{{.Name}}", "web"));
        assertGolden("service-ps-json", run("service", "ps", "--format", "json", "web"));
    }

    @Test
    void quietInTheTablesOrder() {
        assertEquals(String.join("\n", SWARM.id("node1"), SWARM.id("node2"), SWARM.id("node3"), SWARM.id("node10")) + "\n",
                run("node", "ls", "-q"));
        // service ps -q prints whole IDs; node ps -q and stack ps -q truncate as their tables do (as docker)
        assertEquals(ids(25, "t-web1-new", "t-web1-old", "t-web2", "t-web3"), run("service", "ps", "-q", "web"));
        assertEquals(ids(12, "t-app2", "t-db2", "t-web10-n1", "t-web1-new"), run("node", "ps", "-q", "node1"));
        assertEquals(ids(12, "t-app1", "t-app2", "t-db1", "t-db2", "t-w2"), run("stack", "ps", "-q", "demo"));
        // docker's service ID is always the short one, -q too
        assertEquals(ids(12, "demo_app", "demo_db", "demo_web2", "demo_web10"), run("stack", "services", "-q", "demo"));
    }

    /** The IDs of these objects, cut to {@code length}, a line each. */
    private static String ids(int length, String... names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(SWARM.id(n), 0, length).append('\n');
        }
        return b.toString();
    }

    private static String run(String... args) {
        CliRun r = CliRun.run(SWARM, args);
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    /** A fixed swarm answering the list calls with the Engine's filters (node, service, label, desired-state). */
    static final class ListingSwarm extends StubGateway {
        final List<Node> nodes = new ArrayList<>();
        final List<Service> services = new ArrayList<>();
        final List<Task> tasks = new ArrayList<>();
        final ObjectNode tls = Json.object().put("TrustRoot", "root-a").put("CertIssuerSubject", "subj").put("CertIssuerPublicKey", "key-a");
        final Instant now = Instant.now();

        ListingSwarm() {
            node("node1", "leader", tls);
            node("node2", "reachable", tls.deepCopy().put("CertIssuerPublicKey", "key-old"));
            node("node10", null, tls);
            Node down = Fixtures.withState(node("node3", null, null), "down", "drain");
            nodes.set(nodes.size() - 1, down);
            service("web", "{\"Replicated\":{\"Replicas\":3}}", null, "swarmops/busybox:latest@sha256:abc",
                    "[{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"},"
                            + "{\"Protocol\":\"tcp\",\"TargetPort\":81,\"PublishedPort\":8081,\"PublishMode\":\"ingress\"}]");
            service("web10", "{\"Global\":{}}", null, "swarmops/busybox:latest", "[]");
            service("demo_web10", "{\"Replicated\":{\"Replicas\":1}}", "demo", "nginx:1.25", "[]");
            service("demo_web2", "{\"Replicated\":{\"Replicas\":2}}", "demo", "nginx:1.25",
                    "[{\"Protocol\":\"udp\",\"TargetPort\":53,\"PublishedPort\":53,\"PublishMode\":\"ingress\"}]");
            ((ObjectNode) service("demo_app", "{\"Replicated\":{\"Replicas\":2}}", "demo", "swarmops/app:2", "[]").raw()
                    .path("Spec").path("TaskTemplate")).putObject("Placement").put("MaxReplicas", 1);
            service("demo_db", "{\"ReplicatedJob\":{\"TotalCompletions\":3}}", "demo", "postgres:16", "[]");
            service("other-10_x", "{\"Replicated\":{\"Replicas\":0}}", "other-10", "x", "[]");
            service("other-2_x", "{\"Replicated\":{\"Replicas\":0}}", "other-2", "x", "[]");
            task("t-web1-old", "web", "node2", 1, "shutdown", "shutdown", 1, "task: non-zero exit (137): killed by the OOM killer");
            task("t-web1-new", "web", "node1", 1, "running", "running", 2, "");
            task("t-web2", "web", "node10", 2, "running", "running", 1, "");
            task("t-web3", "web", "", 3, "pending", "running", 1, "no suitable node (1 node not available)");
            task("t-web10-n1", "web10", "node1", 0, "running", "running", 1, "");
            task("t-web10-n10", "web10", "node10", 0, "running", "running", 1, "");
            task("t-app1", "demo_app", "node2", 1, "running", "running", 1, "");
            task("t-app2", "demo_app", "node1", 2, "starting", "running", 1, "");
            task("t-db1", "demo_db", "node10", 1, "complete", "complete", 1, "");
            task("t-db2", "demo_db", "node1", 2, "running", "complete", 1, "");
            task("t-w2", "demo_web2", "node2", 1, "running", "running", 1, "");
            ObjectNode hostPort = (ObjectNode) tasks.get(tasks.size() - 1).raw();
            hostPort.putObject("Status").put("State", "running").put("Timestamp", now.minus(Duration.ofHours(74)).toString())
                    .putObject("PortStatus").putArray("Ports").addObject().put("Protocol", "tcp").put("TargetPort", 80).put("PublishedPort", 30080);
            tasks.set(tasks.size() - 1, Task.from(hostPort));
        }

        /** The ID of the node or service of this name: its name, padded to 25 characters as the Engine's are. */
        String id(String name) {
            return (name.replace("_", "") + "0123456789abcdefghijklmnopqrstuvwxyz").substring(0, 25);
        }

        private Node node(String hostname, String manager, ObjectNode tlsInfo) {
            ObjectNode raw = Fixtures.node(id(hostname), hostname, manager).raw().deepCopy();
            if (tlsInfo != null) {
                ((ObjectNode) raw.path("Description")).set("TLSInfo", tlsInfo);
            }
            Node n = Node.from(raw);
            nodes.add(n);
            return n;
        }

        private Service service(String name, String mode, String stack, String image, String ports) {
            ObjectNode raw = Fixtures.service(id(name), name, 1).raw().deepCopy();
            ObjectNode spec = (ObjectNode) raw.path("Spec");
            spec.set("Mode", json(mode));
            ((ObjectNode) spec.path("TaskTemplate").path("ContainerSpec")).put("Image", image);
            if (stack != null) {
                ((ObjectNode) spec.path("Labels")).put(Service.STACK_NAMESPACE_LABEL, stack);
            }
            raw.putObject("Endpoint").set("Ports", json(ports));
            Service s = Service.from(raw);
            services.add(s);
            return s;
        }

        private void task(String id, String service, String node, int slot, String state, String desired, int createdMinute, String error) {
            ObjectNode raw = Fixtures.task(id(id), id(service), node.isEmpty() ? "" : id(node), slot, state).raw().deepCopy();
            raw.put("DesiredState", desired);
            raw.put("CreatedAt", "2026-11-24T06:0" + createdMinute + ":00Z");
            ObjectNode status = (ObjectNode) raw.path("Status");
            status.put("Timestamp", now.minus(Duration.ofHours(74)).toString());
            if (!error.isEmpty()) {
                status.put("Err", error);
            }
            String image = services.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().image();
            ((ObjectNode) raw.path("Spec").path("ContainerSpec")).put("Image", image);
            tasks.add(Task.from(raw));
        }

        @Override
        public EngineInfo info() {
            ObjectNode raw = Json.object();
            raw.putObject("Swarm").put("NodeID", id("node1")).put("LocalNodeState", "active").put("ControlAvailable", true)
                    .putObject("Cluster").set("TLSInfo", tls);
            return EngineInfo.from(raw);
        }

        @Override
        public List<Node> nodes() {
            return List.copyOf(nodes);
        }

        @Override
        public Node node(String reference) {
            String ref = reference.equals("self") ? id("node1") : reference;
            return nodes.stream().filter(n -> n.id().equals(ref) || n.hostname().equals(ref)).findFirst()
                    .orElseThrow(() -> SwarmOpsException.notFound("node", reference));
        }

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return services.stream().filter(s -> labelled(s, filters.get("label"))).toList();
        }

        @Override
        public Service service(String reference) {
            return services.stream().filter(s -> s.id().equals(reference) || s.name().equals(reference)).findFirst()
                    .orElseThrow(() -> SwarmOpsException.notFound("service", reference));
        }

        @Override
        public List<Task> tasks(Map<String, List<String>> filters) {
            return tasks.stream()
                    .filter(t -> !filters.containsKey("node") || filters.get("node").contains(t.nodeId()))
                    .filter(t -> !filters.containsKey("service") || filters.get("service").contains(t.serviceId()))
                    .filter(t -> !filters.containsKey("desired-state") || filters.get("desired-state").contains(t.desiredState()))
                    .filter(t -> labelled(service(t.serviceId()), filters.get("label")))
                    .toList();
        }

        private static JsonNode json(String text) {
            try {
                return Json.MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(text, e);
            }
        }

        private static boolean labelled(Service s, List<String> labels) {
            if (labels == null) {
                return true;
            }
            return labels.stream().allMatch(l -> {
                int eq = l.indexOf('=');
                return eq < 0 ? s.labels().containsKey(l) : l.substring(eq + 1).equals(s.labels().get(l.substring(0, eq)));
            });
        }
    }
}
