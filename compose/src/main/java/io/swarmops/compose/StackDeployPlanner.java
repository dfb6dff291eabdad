package io.swarmops.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.compose.StackDeployPlan.CreateNetwork;
import io.swarmops.compose.StackDeployPlan.CreateObject;
import io.swarmops.compose.StackDeployPlan.CreateService;
import io.swarmops.compose.StackDeployPlan.RemoveService;
import io.swarmops.compose.StackDeployPlan.Step;
import io.swarmops.compose.StackDeployPlan.UpdateObject;
import io.swarmops.compose.StackDeployPlan.UpdateService;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure: converted specs and the swarm as read, in; the deploy plan out. Follows docker's
 * {@code deploy_composefile.go}, but checks every reference (external networks, secrets, configs)
 * before the first step, so a deploy that cannot finish does not start.
 */
public final class StackDeployPlanner {
    /** How the image of an updated service is chosen, as {@code --resolve-image}. */
    public enum ResolveImage {
        ALWAYS, CHANGED, NEVER;

        public static ResolveImage parse(String s) {
            return switch (s) {
                case "always" -> ALWAYS;
                case "changed" -> CHANGED;
                case "never" -> NEVER;
                default -> throw new io.swarmops.ops.SwarmOpsException(io.swarmops.ops.SwarmOpsException.Kind.INVALID,
                        "Invalid option " + s + " for flag --resolve-image");
            };
        }
    }

    private StackDeployPlanner() {
    }

    public static StackDeployPlan plan(StackSpecs specs, StackState state, boolean prune, ResolveImage resolveImage) {
        List<Step> steps = new ArrayList<>();
        Map<String, Service> existing = new TreeMap<>();
        state.services().forEach(s -> existing.put(s.name(), s));
        if (prune) {
            for (Service s : existing.values()) {
                String shortName = s.name().startsWith(specs.namespace() + "_")
                        ? s.name().substring(specs.namespace().length() + 1) : s.name();
                if (!specs.services().containsKey(shortName)) {
                    steps.add(new RemoveService(s.id(), s.name()));
                }
            }
        }
        for (String name : specs.externalNetworks()) {
            if (isBuiltin(name)) {
                continue;
            }
            SwarmObject n = state.network(name);
            if (n == null) {
                throw new ComposeException("network \"" + name + "\" is declared as external, but could not be found. "
                        + "You need to create a swarm-scoped network before the stack is deployed");
            }
            String scope = n.raw().path("Scope").asText();
            if (!scope.equals("swarm")) {
                throw new ComposeException("network \"" + name + "\" is declared as external, but it is not in the right scope: \""
                        + scope + "\" instead of \"swarm\"");
            }
        }
        specs.networks().forEach((name, request) -> {
            SwarmObject n = state.network(name);
            if (n == null || !specs.namespace().equals(n.stack())) {
                if (n == null) {
                    steps.add(new CreateNetwork(name, request));
                }
            }
        });
        Map<String, String> secretIds = ids(state.secrets());
        Map<String, String> configIds = ids(state.configs());
        objects("secret", specs.secrets(), state.secrets(), steps, secretIds);
        objects("config", specs.configs(), state.configs(), steps, configIds);
        for (Map.Entry<String, ObjectNode> e : specs.services().entrySet()) {
            String fullName = specs.scope(e.getKey());
            ObjectNode spec = e.getValue();
            // every referenced secret and config must exist or be created by this plan
            StackSpecs.withObjectIds(spec, secretIds, configIds);
            Service current = existing.get(fullName);
            if (current == null) {
                steps.add(new CreateService(fullName, spec));
                continue;
            }
            steps.add(update(fullName, spec, current, state, currentIds(state.secrets(), secretIds),
                    currentIds(state.configs(), configIds), resolveImage));
        }
        return new StackDeployPlan(specs.namespace(), steps);
    }

    /**
     * The update of one service that exists: the file's spec ({@code desired}), keeping what the
     * service has that the file does not decide (the digest an earlier deploy pinned, ForceUpdate, the
     * order of its secret and config references), and how it differs from the service's spec, on the
     * specs as the daemon keeps them (object and network IDs). {@code secretIds}/{@code configIds}:
     * name to ID, for objects that exist and those the plan creates.
     */
    static UpdateService update(String fullName, ObjectNode desired, Service current, StackState state,
            Map<String, String> secretIds, Map<String, String> configIds, ResolveImage resolveImage) {
        ObjectNode next = desired.deepCopy();
        ObjectNode cs = (ObjectNode) next.path("TaskTemplate").path("ContainerSpec");
        String image = cs.path("Image").asText();
        String labelled = current.labels().getOrDefault(StackSpecs.IMAGE_LABEL, "");
        if (resolveImage != ResolveImage.ALWAYS && image.equals(labelled)) {
            // keep the digest an earlier deploy pinned, or the service would restart for nothing
            cs.put("Image", current.image());
        }
        ((ObjectNode) next.path("TaskTemplate")).put("ForceUpdate",
                current.raw().path("Spec").path("TaskTemplate").path("ForceUpdate").asLong());
        ObjectNode comparable = StackSpecs.withObjectIds(next, secretIds, configIds);
        // the daemon keeps network attachments by ID
        for (JsonNode attachment : comparable.path("TaskTemplate").path("Networks")) {
            SwarmObject n = state.network(attachment.path("Target").asText());
            if (n != null) {
                ((ObjectNode) attachment).put("Target", n.id());
            }
        }
        keepCurrentOrder(current.spec(), next, comparable, "Secrets");
        keepCurrentOrder(current.spec(), next, comparable, "Configs");
        return new UpdateService(current.id(), current.version(), fullName, desired, next,
                ServiceSpecDiff.between(current.spec(), comparable));
    }

    /**
     * The same update planned again on the service as it is now ({@code fresh}, read after a write
     * was refused as out of sequence) and the swarm's objects as they are now.
     */
    public static UpdateService replan(UpdateService step, Service fresh, StackState state, ResolveImage resolveImage) {
        return update(step.name(), step.desired(), fresh, state, ids(state.secrets()), ids(state.configs()), resolveImage);
    }

    /**
     * The service's secret (or config) references in the order it has them, when the file names the
     * same ones: order is part of the task spec, so another order restarts every task, and docker
     * leaves the order of two references to one secret to chance. {@code next} and its ID-filled
     * copy {@code comparable} are reordered alike.
     */
    static void keepCurrentOrder(ObjectNode current, ObjectNode next, ObjectNode comparable, String field) {
        JsonNode have = current.path("TaskTemplate").path("ContainerSpec").path(field);
        JsonNode want = comparable.path("TaskTemplate").path("ContainerSpec").path(field);
        if (!have.isArray() || !want.isArray() || have.size() != want.size()) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (JsonNode h : have) {
            int match = -1;
            for (int i = 0; i < want.size() && match < 0; i++) {
                if (!order.contains(i) && refKey(want.get(i)).equals(refKey(h))) {
                    match = i;
                }
            }
            if (match < 0) {
                return;
            }
            order.add(match);
        }
        for (ObjectNode spec : List.of(next, comparable)) {
            ObjectNode cs = (ObjectNode) spec.path("TaskTemplate").path("ContainerSpec");
            JsonNode refs = cs.path(field);
            com.fasterxml.jackson.databind.node.ArrayNode reordered = cs.arrayNode();
            order.forEach(i -> reordered.add(refs.get(i)));
            cs.set(field, reordered);
        }
    }

    /** A reference as the daemon keeps it: the object's ID and where it is mounted (or that it is a runtime one). */
    private static String refKey(JsonNode ref) {
        String id = ref.has("SecretID") ? ref.path("SecretID").asText() : ref.path("ConfigID").asText();
        return id + "|" + ref.path("File").path("Name").asText() + "|" + ref.has("Runtime");
    }

    private static boolean isBuiltin(String network) {
        return network.equals("default") || network.equals("bridge") || network.equals("host") || network.equals("none")
                || network.startsWith("container:");
    }

    private static Map<String, String> ids(List<SwarmObject> objects) {
        Map<String, String> m = new HashMap<>();
        objects.forEach(o -> m.put(o.name(), o.id()));
        return m;
    }

    /** IDs for the diff: real ones where the object exists, a marker for objects yet to be created. */
    private static Map<String, String> currentIds(List<SwarmObject> objects, Map<String, String> planned) {
        Map<String, String> m = new HashMap<>(planned);
        objects.forEach(o -> m.put(o.name(), o.id()));
        return m;
    }

    private static void objects(String kind, List<ObjectNode> specs, List<SwarmObject> existing, List<Step> steps, Map<String, String> ids) {
        for (ObjectNode spec : specs) {
            String name = spec.path("Name").asText();
            SwarmObject cur = existing.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
            if (cur == null) {
                steps.add(new CreateObject(kind, name, spec));
                ids.put(name, "<" + kind + " " + name + ">");
            } else {
                boolean changed = !cur.spec().equals(withoutData(spec, cur.spec()));
                steps.add(new UpdateObject(kind, cur.id(), cur.version(), name, spec, changed));
            }
        }
    }

    /** The daemon never returns secret data: compare a secret without it. */
    private static ObjectNode withoutData(ObjectNode spec, ObjectNode current) {
        ObjectNode copy = spec.deepCopy();
        if (!current.has("Data")) {
            copy.remove("Data");
        }
        return copy;
    }
}
