package io.swarmops.recovery.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Re-creates a {@link WorkloadBackup} on a swarm, idempotently: what exists by name is left as it
 * is, so a restore interrupted half way is finished by running it again. Networks, configs and
 * secrets come before the services that use them; secrets need their data given again.
 */
public final class WorkloadRestore {

    /** One thing to do, or a reason it cannot be done. */
    public record Step(String kind, String name, String action) {
    }

    /**
     * @param hostAccess what the services and node changes it would create grant on this swarm's
     *                   hosts ({@link HostAccess}): a backup from elsewhere is refused them unless the
     *                   operator allows it
     */
    public record Plan(List<Step> steps, List<String> missingSecrets, List<HostAccess.Grant> hostAccess) {
        public boolean nothingToDo() {
            return steps.stream().noneMatch(s -> s.action().equals("create") || s.action().equals("update"));
        }
    }

    private final SwarmGateway gateway;
    private final Consumer<String> say;

    public WorkloadRestore(SwarmGateway gateway, Consumer<String> say) {
        this.gateway = gateway;
        this.say = say;
    }

    /** What a restore would do on this swarm now (reads only). */
    public Plan plan(WorkloadBackup backup, Map<String, byte[]> secretData) {
        Set<String> networks = names(gateway.networks(Map.of()));
        Set<String> configs = names(gateway.configs(Map.of()));
        Set<String> secrets = names(gateway.secrets(Map.of()));
        Set<String> services = new HashSet<>();
        gateway.services(Map.of()).forEach(s -> services.add(s.name()));
        Map<String, Node> byHostname = new java.util.HashMap<>();
        gateway.nodes().forEach(n -> byHostname.put(n.hostname(), n));
        List<Step> steps = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<HostAccess.Grant> grants = new ArrayList<>();
        for (JsonNode n : backup.networks()) {
            steps.add(new Step("network", n.path("Name").asText(), networks.contains(n.path("Name").asText()) ? "exists" : "create"));
        }
        for (JsonNode c : backup.configs()) {
            steps.add(new Step("config", c.path("Name").asText(), configs.contains(c.path("Name").asText()) ? "exists" : "create"));
        }
        for (JsonNode s : backup.secrets()) {
            String name = s.path("Name").asText();
            if (secrets.contains(name)) {
                steps.add(new Step("secret", name, "exists"));
            } else if (secretData.containsKey(name)) {
                steps.add(new Step("secret", name, "create"));
            } else {
                steps.add(new Step("secret", name, "needs its data: --secret " + name + "=FILE"));
                missing.add(name);
            }
        }
        for (JsonNode n : backup.nodes()) {
            Node current = byHostname.get(n.path("Hostname").asText());
            if (current == null) {
                steps.add(new Step("node", n.path("Hostname").asText(), "not in this swarm: its labels are not restored"));
                continue;
            }
            boolean same = nodeSpec(current.spec(), n).equals(current.spec());
            steps.add(new Step("node", current.hostname(), same ? "exists" : "update"));
            if (!same) {
                grants.addAll(nodeChanges(current, nodeSpec(current.spec(), n)));
            }
            String role = n.at("/Spec/Role").asText(current.role());
            if (!role.equals(current.role())) {
                // roles change the quorum: an operator's decision, not a restore's
                steps.add(new Step("node", current.hostname(), "was a " + role + ", is a " + current.role()
                        + ": 'swarmops node " + (role.equals("manager") ? "promote" : "demote") + " " + current.hostname() + "' if wanted"));
            }
        }
        for (JsonNode s : backup.services()) {
            String name = s.path("Name").asText();
            boolean blocked = false;
            for (JsonNode ref : s.at("/TaskTemplate/ContainerSpec/Secrets")) {
                blocked |= missing.contains(ref.path("SecretName").asText());
            }
            steps.add(new Step("service", name, services.contains(name) ? "exists" : blocked ? "blocked by a missing secret" : "create"));
            if (!services.contains(name)) {
                grants.addAll(HostAccess.of(s, secrets));
            }
        }
        return new Plan(steps, missing, List.copyOf(grants));
    }

    /**
     * Carries out the plan. Services for which {@code firstWave} holds are created first, then
     * {@code afterFirstWave} runs (the reboot waits for the registry there), then the rest.
     */
    public int apply(WorkloadBackup backup, Map<String, byte[]> secretData, Predicate<JsonNode> firstWave, Runnable afterFirstWave) {
        Plan plan = plan(backup, secretData);
        int created = 0;
        for (JsonNode n : backup.networks()) {
            if (wants(plan, "network", n)) {
                gateway.createNetwork(((ObjectNode) n).deepCopy());
                say.accept("created network " + n.path("Name").asText());
                created++;
            }
        }
        for (JsonNode c : backup.configs()) {
            if (wants(plan, "config", c)) {
                gateway.createConfig(((ObjectNode) c).deepCopy());
                say.accept("created config " + c.path("Name").asText());
                created++;
            }
        }
        for (JsonNode s : backup.secrets()) {
            if (wants(plan, "secret", s)) {
                ObjectNode spec = ((ObjectNode) s).deepCopy();
                spec.put("Data", Base64.getEncoder().encodeToString(secretData.get(s.path("Name").asText())));
                gateway.createSecret(spec);
                say.accept("created secret " + s.path("Name").asText());
                created++;
            }
        }
        for (JsonNode n : backup.nodes()) {
            if (wants(plan, "node", n, "Hostname")) {
                restoreNode(n);
            }
        }
        List<JsonNode> first = backup.services().stream().filter(firstWave).toList();
        List<JsonNode> rest = backup.services().stream().filter(firstWave.negate()).toList();
        created += createServices(plan, first);
        if (!first.isEmpty()) {
            afterFirstWave.run();
        }
        created += createServices(plan, rest);
        return created;
    }

    private int createServices(Plan plan, List<JsonNode> services) {
        int created = 0;
        for (JsonNode s : services) {
            if (wants(plan, "service", s)) {
                gateway.createService(resolved((ObjectNode) s), null, w -> { });
                say.accept("created service " + s.path("Name").asText());
                created++;
            }
        }
        return created;
    }

    /** Labels and availability as saved; roles are left to promote/demote (they change the quorum). */
    private void restoreNode(JsonNode saved) {
        String hostname = saved.path("Hostname").asText();
        if (SpecUpdates.updateNode(gateway, hostname, spec -> nodeSpec(spec, saved), say)) {
            say.accept("restored labels and availability of node " + hostname);
        }
    }

    /** A node's availability and labels decide where every task runs: a restore's changes to them, one grant each. */
    private static List<HostAccess.Grant> nodeChanges(Node current, ObjectNode wanted) {
        List<HostAccess.Grant> out = new ArrayList<>();
        JsonNode now = current.spec();
        if (!now.path("Availability").asText("active").equals(wanted.path("Availability").asText())) {
            out.add(new HostAccess.Grant("node", current.hostname(), "availability " + now.path("Availability").asText("active") + " → "
                    + wanted.path("Availability").asText()));
        }
        JsonNode had = now.path("Labels");
        JsonNode gets = wanted.path("Labels");
        gets.fieldNames().forEachRemaining(k -> {
            if (!had.path(k).equals(gets.path(k))) {
                out.add(new HostAccess.Grant("node", current.hostname(), "label " + k + "=" + gets.path(k).asText()
                        + (had.has(k) ? " (was " + had.path(k).asText() + ")" : "")));
            }
        });
        had.fieldNames().forEachRemaining(k -> {
            if (!gets.has(k)) {
                out.add(new HostAccess.Grant("node", current.hostname(), "label " + k + " removed"));
            }
        });
        return out;
    }

    /** The node's spec with the saved labels and availability. */
    private static ObjectNode nodeSpec(ObjectNode spec, JsonNode saved) {
        spec.set("Labels", saved.at("/Spec/Labels").isObject() ? saved.at("/Spec/Labels").deepCopy() : Json.object());
        spec.put("Availability", saved.at("/Spec/Availability").asText("active"));
        return spec;
    }

    /** The saved spec with references by name turned into this swarm's IDs. */
    ObjectNode resolved(ObjectNode saved) {
        ObjectNode spec = saved.deepCopy();
        ObjectNode container = spec.with("TaskTemplate").with("ContainerSpec");
        for (JsonNode c : container.path("Configs")) {
            ((ObjectNode) c).put("ConfigID", gateway.config(c.path("ConfigName").asText()).id());
        }
        for (JsonNode s : container.path("Secrets")) {
            ((ObjectNode) s).put("SecretID", gateway.secret(s.path("SecretName").asText()).id());
        }
        for (JsonNode net : spec.with("TaskTemplate").path("Networks")) {
            ((ObjectNode) net).put("Target", gateway.network(net.path("Target").asText()).id());
        }
        return spec;
    }

    private static boolean wants(Plan plan, String kind, JsonNode object) {
        return wants(plan, kind, object, "Name");
    }

    private static boolean wants(Plan plan, String kind, JsonNode object, String nameField) {
        String name = object.path(nameField).asText();
        return plan.steps().stream().anyMatch(s -> s.kind().equals(kind) && s.name().equals(name)
                && (s.action().equals("create") || s.action().equals("update")));
    }

    private static Set<String> names(List<SwarmObject> objects) {
        Set<String> out = new HashSet<>();
        objects.forEach(o -> out.add(o.name()));
        return out;
    }

    /** A service's spec as a backup holds it, for comparing a restored swarm with the one saved. */
    public static ObjectNode portableSpec(SwarmGateway gateway, Service s) {
        Map<String, String> networkNames = new java.util.HashMap<>();
        gateway.networks(Map.of()).forEach(n -> networkNames.put(n.id(), n.name()));
        return WorkloadBackup.portable(s.spec(), networkNames);
    }
}
