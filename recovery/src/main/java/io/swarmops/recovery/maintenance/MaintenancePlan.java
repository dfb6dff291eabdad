package io.swarmops.recovery.maintenance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.engine.SshCommand;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.ManagerQuorum;
import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A rolling maintenance, planned purely from the node list: the nodes in waves of {@code parallel},
 * each wave checked for the quorum, drained keeping capacity, worked on (a command over ssh, or a
 * power cycle), waited for, made active and, with {@code rebalance}, rebalanced back onto, before
 * the next wave. {@code command} empty means a reboot.
 */
public record MaintenancePlan(List<Node> nodes, List<String> command, int parallel, boolean rebalance, List<MaintenanceStep> steps) {
    public static final String PROCEDURE = "maintenance";

    public MaintenancePlan {
        nodes = List.copyOf(nodes);
        command = List.copyOf(command);
        steps = List.copyOf(steps);
    }

    public boolean reboot() {
        return command.isEmpty();
    }

    public static MaintenancePlan of(List<Node> nodes, List<String> command, int parallel, boolean rebalance) {
        if (parallel < 1) {
            throw SwarmOpsException.invalid("invalid --parallel " + parallel + ": at least 1");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Node n : nodes) {
            if (!seen.add(n.id())) {
                throw SwarmOpsException.invalid("node " + n.hostname() + " named twice");
            }
        }
        for (String w : command) {
            if (!SshCommand.plainWord(w)) {
                throw SwarmOpsException.invalid("--run: " + w + " is not a plain word (letters, digits and ._/=:+- only): the command"
                        + " goes to the node's shell as it is; put anything more in a script on the node and run that");
            }
        }
        List<MaintenanceStep> steps = new ArrayList<>();
        int waves = (nodes.size() + parallel - 1) / parallel;
        for (int w = 0; w < waves; w++) {
            List<Node> wave = nodes.subList(w * parallel, Math.min(nodes.size(), (w + 1) * parallel));
            String names = wave.stream().map(Node::hostname).collect(Collectors.joining(", "));
            String id = wave.stream().map(Node::hostname).collect(Collectors.joining("+"));
            String which = (waves == 1 && wave.size() == 1 ? "" : (parallel == 1 ? "node " : "wave ") + (w + 1) + " of " + waves + ", ") + names;
            steps.add(step(MaintenanceStep.Action.CHECK_QUORUM, id, wave, which + ": check that taking it down keeps the quorum"));
            steps.add(step(MaintenanceStep.Action.DRAIN, id, wave, which + ": drain keeping capacity"));
            if (command.isEmpty()) {
                steps.add(step(MaintenanceStep.Action.REBOOT, id, wave, which + ": power off, then on"));
            } else {
                steps.add(step(MaintenanceStep.Action.RUN, id, wave, which + ": run " + String.join(" ", command)));
            }
            steps.add(step(MaintenanceStep.Action.AWAIT_READY, id, wave, which + ": wait until its daemon answers and it is ready"));
            steps.add(step(MaintenanceStep.Action.ACTIVATE, id, wave, which + ": make it active"));
            if (rebalance) {
                steps.add(step(MaintenanceStep.Action.REBALANCE, id, wave, which + ": rebalance tasks back"));
            }
        }
        return new MaintenancePlan(nodes, command, parallel, rebalance, steps);
    }

    private static MaintenanceStep step(MaintenanceStep.Action a, String id, List<Node> wave, String description) {
        return new MaintenanceStep(a.key() + ":" + id, a, wave, description);
    }

    public List<String> keys() {
        return steps.stream().map(MaintenanceStep::key).toList();
    }

    /**
     * Why taking the wave down now would cost the Raft quorum (its reachable managers gone, fewer than
     * ⌊N/2⌋+1 left), or why it cannot be taken down from here (it holds the manager swarmops talks to);
     * null when it may go.
     */
    public static String quorumRefusal(List<Node> all, List<Node> wave, String selfId) {
        for (Node n : wave) {
            if (n.id().equals(selfId)) {
                return n.hostname() + " is the manager swarmops talks to: run its maintenance through another manager (-H)";
            }
        }
        ManagerQuorum q = ManagerQuorum.of(all);
        Set<String> ids = wave.stream().map(Node::id).collect(Collectors.toSet());
        List<String> managers = all.stream().filter(n -> ids.contains(n.id()) && n.isManager() && n.manager() != null
                && (n.manager().reachable() || n.isLeader())).map(Node::hostname).toList();
        if (!managers.isEmpty() && q.reachable() - managers.size() < q.quorumSize()) {
            return "taking down manager " + String.join(", ", managers) + " would lose the quorum (" + q.reachable() + " of " + q.managers()
                    + " managers reachable, " + q.quorumSize() + " needed): promote another manager first";
        }
        return null;
    }

    /** The numbered plan, one line a step; {@code done} marks steps a journal shows finished. */
    public List<String> lines(Predicate<String> done) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            MaintenanceStep s = steps.get(i);
            out.add(String.format("%2d. [%s] %s", i + 1, done.test(s.key()) ? "done" : "    ", s.description()));
        }
        return out;
    }

    public ObjectNode toJson(Predicate<String> done) {
        ObjectNode doc = Json.object();
        ArrayNode n = doc.putArray("Nodes");
        nodes.forEach(x -> n.add(x.hostname()));
        doc.put("Work", reboot() ? "reboot" : "run");
        if (!reboot()) {
            ArrayNode c = doc.putArray("Command");
            command.forEach(c::add);
        }
        doc.put("Parallel", parallel).put("Rebalance", rebalance);
        ArrayNode a = doc.putArray("Steps");
        steps.forEach(s -> a.addObject().put("Key", s.key()).put("Description", s.description()).put("Done", done.test(s.key())));
        return doc;
    }
}
