package io.swarmops.ops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything a command could touch in a swarm, read through a gateway: the swarm's spec and
 * version, every node's spec (role, availability, labels) and version, every service's spec and
 * version, every network, config and secret. For "--dry-run changes nothing": read it BEFORE the dry
 * run, run it, then {@link #assertUnchanged} — a dry run that wrote anything (even the same spec
 * again, which moves a version) fails with what moved.
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
                m.put("service " + s.name() + " (" + s.id() + ")", versioned(s.version(), s.spec()));
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

    private static JsonNode versioned(long version, ObjectNode spec) {
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
