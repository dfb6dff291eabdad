package io.swarmops.rebalance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds cluster snapshots for planner tests. */
final class Snapshots {
    final List<Node> nodes = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<Task> tasks = new ArrayList<>();
    private int taskSeq;

    Snapshots nodes(int count) {
        for (int i = 1; i <= count; i++) {
            nodes.add(Fixtures.node("n" + i, "node" + i, i == 1 ? "leader" : null));
        }
        return this;
    }

    Snapshots label(String node, String key, String value) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).hostname().equals(node)) {
                ObjectNode raw = nodes.get(i).raw().deepCopy();
                raw.with("Spec").with("Labels").put(key, value);
                nodes.set(i, Node.from(raw));
            }
        }
        return this;
    }

    /** A replicated service; {@code customize} edits its spec before it is read. */
    Service service(String name, int replicas, java.util.function.Consumer<ObjectNode> customize) {
        ObjectNode raw = Fixtures.service("s-" + name, name, replicas).raw().deepCopy();
        customize.accept((ObjectNode) raw.get("Spec"));
        Service s = Service.from(raw);
        services.add(s);
        return s;
    }

    Service service(String name, int replicas) {
        return service(name, replicas, spec -> { });
    }

    /** Running tasks of a service on the given hostnames, one per entry. */
    Snapshots run(Service s, String... hostnames) {
        for (String h : hostnames) {
            String nodeId = nodes.stream().filter(n -> n.hostname().equals(h)).findFirst().orElseThrow().id();
            tasks.add(Fixtures.task("t" + (++taskSeq), s.id(), nodeId, taskSeq, "running"));
        }
        return this;
    }

    ClusterSnapshot build() {
        return new ClusterSnapshot(nodes, services, tasks, Instant.EPOCH);
    }
}
