package io.swarmops.recovery.emergency;

import java.util.List;

/**
 * One step of an emergency runbook, as data: what kind of step, on which nodes, and the line the
 * plan prints. The executor knows how to tell whether it is done and how to do it.
 *
 * @param key   the step's name in the journal, unique within its runbook
 * @param nodes  the nodes it acts on (none for steps on the workload)
 * @param stacks the stacks it brings back (the registry's), or none
 */
public record RunbookStep(String key, Action action, List<SavedNode> nodes, List<String> stacks, String description) {

    public enum Action {
        SAVE_STATE, DEMOTE, REMOVE_SERVICES, POWER_OFF_WORKERS, POWER_OFF_LAST_MANAGER,
        POWER_ON_FIRST_MANAGER, POWER_ON_OTHERS, PROMOTE, DEPLOY_REGISTRY, DEPLOY_REST
    }

    public RunbookStep {
        nodes = List.copyOf(nodes);
        stacks = List.copyOf(stacks);
    }

    public RunbookStep(String key, Action action, List<SavedNode> nodes, String description) {
        this(key, action, nodes, List.of(), description);
    }

    public List<String> hostnames() {
        return nodes.stream().map(SavedNode::hostname).toList();
    }
}
