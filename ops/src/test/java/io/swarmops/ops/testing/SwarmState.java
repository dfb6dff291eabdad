package io.swarmops.ops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything a command could touch in a swarm, read through a gateway: the swarm's spec and
 * version; every node's spec (role, availability, labels) and version; every service's spec,
 * version, previous spec and update status; every network, config and secret. For "--dry-run
 * changes nothing": read it BEFORE the dry run ({@link #settled}), run it, then
 * {@link #assertUnchanged} — a dry run that wrote anything (even the same spec again, which moves a
 * version) fails with what moved.
 *
 * <p>What the swarm changes on its own is left out: node status and description, tasks, a network's
 * attached containers and peers. A part that cannot be read (no quorum, a worker's gateway) is kept
 * as its error, so a dry run that brought the swarm down or back shows too.
 */
public final class SwarmState {
    private final Map<String, JsonNode> objects;

    private SwarmState(Map<String, JsonNode> objects) {
        this.objects = objects;
    }

    /** Reads the whole state, part by part. */
    public static SwarmState read(SwarmGateway gateway) {
        Map<String, JsonNode> objects = new TreeMap<>();
        part(objects, "swarm", () -> {
            SwarmInfo swarm = gateway.swarm();
            return Map.of("swarm", versioned(swarm.version(), swarm.spec()));
        });
        part(objects, "nodes", () -> {
            Map<String, JsonNode> m = new TreeMap<>();
            for (Node n : gateway.nodes()) {
                m.put("node " + n.hostname() + " (" + n.id() + ")", versioned(n.version(), n.spec()));
            }
            return m;
        });
        part(objects, "services", () -> {
            Map<String, JsonNode> m = new TreeMap<>();
            for (Service s : gateway.services(Map.of())) {
                ObjectNode o = versioned(s.version(), s.spec());
                o.set("PreviousSpec", s.raw().path("PreviousSpec"));
                o.set("UpdateStatus", s.raw().path("UpdateStatus"));
                o.set("UpdatedAt", s.raw().path("UpdatedAt"));
                m.put("service " + s.name() + " (" + s.id() + ")", o);
            }
            return m;
        });
        part(objects, "networks", () -> {
            Map<String, JsonNode> m = new TreeMap<>();
            for (SwarmObject n : gateway.networks(Map.of())) {
                ObjectNode raw = n.raw().deepCopy();
                raw.remove(List.of("Containers", "Peers"));
                m.put("network " + n.name() + " (" + n.id() + ")", raw);
            }
            return m;
        });
        part(objects, "configs", () -> swarmObjects("config", gateway.configs(Map.of())));
        part(objects, "secrets", () -> swarmObjects("secret", gateway.secrets(Map.of())));
        return new SwarmState(objects);
    }

    /**
     * The state once it holds still: no service update or rollback running, and two reads half a
     * second apart the same. Swarm writes objects on its own for a moment after a change (the
     * allocator writes a service right after its create, the updater when an update completes), and
     * a snapshot taken then would blame the dry run.
     */
    public static SwarmState settled(SwarmGateway gateway, Duration timeout) {
        SwarmState[] last = {read(gateway)};
        Waits.until("the swarm to hold still", timeout, line -> { }, () -> {
            sleep(Duration.ofMillis(500));
            SwarmState now = read(gateway);
            boolean still = last[0].differencesTo(now).isEmpty() && gateway.services(Map.of()).stream()
                    .noneMatch(s -> s.updateState().equals("updating") || s.updateState().equals("rollback_started"));
            last[0] = now;
            return still;
        });
        return last[0];
    }

    /** Fails, naming every object added, removed or changed, when the swarm is not as it was. */
    public void assertUnchanged(SwarmGateway gateway) {
        List<String> moved = differencesTo(read(gateway));
        if (!moved.isEmpty()) {
            throw new AssertionError("the swarm changed:\n  " + String.join("\n  ", moved));
        }
    }

    /** One line per object added, removed or changed between this state and {@code later}. */
    public List<String> differencesTo(SwarmState later) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(objects.keySet());
        keys.addAll(later.objects.keySet());
        for (String key : keys) {
            JsonNode was = objects.get(key);
            JsonNode now = later.objects.get(key);
            if (was == null) {
                out.add("added " + key + ": " + now);
            } else if (now == null) {
                out.add("removed " + key + ": " + was);
            } else if (!was.equals(now)) {
                out.add("changed " + key + ": " + was + " -> " + now);
            }
        }
        return out;
    }

    /** The objects read, by "kind name (ID)", for a test that wants to look at one. */
    public Map<String, JsonNode> objects() {
        return Map.copyOf(objects);
    }

    private static Map<String, JsonNode> swarmObjects(String kind, List<SwarmObject> list) {
        Map<String, JsonNode> m = new TreeMap<>();
        for (SwarmObject o : list) {
            m.put(kind + " " + o.name() + " (" + o.id() + ")", versioned(o.version(), o.spec()));
        }
        return m;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode versioned(long version, ObjectNode spec) {
        ObjectNode n = Json.object();
        n.put("Version", version);
        n.set("Spec", spec);
        return n;
    }

    private static void part(Map<String, JsonNode> into, String name, Supplier<Map<String, JsonNode>> read) {
        try {
            into.putAll(read.get());
        } catch (SwarmOpsException e) {
            into.put(name, Json.object().put("unreadable", e.kind().name()));
        }
    }
}
