package io.swarmops.recovery.emergency;

import java.util.List;

/**
 * One step of an emergency runbook, as data: what kind of step, on which nodes, and the line the
 * plan prints. Its kind names how {@link EmergencyExecutor} tells whether it is done and does it.
 *
 * @param key   the step's name in the journal, unique within its runbook
 * @param nodes  the nodes it acts on (none for steps on the workload)
 * @param stacks the stacks it brings back (the registry's), or none
 */
public record RunbookStep(String key, Action action, List<SavedNode> nodes, List<String> stacks, String description) {

    /** A kind of step, with how the executor tells it done and how it does it: a new kind of step is one more constant. */
    public enum Action {
        SAVE_STATE((x, s) -> x.stateSaved(), (x, s, j, p) -> x.saveState()),
        DEMOTE((x, s) -> x.isWorker(s.nodes().get(0)), (x, s, j, p) -> x.demote(s.nodes().get(0))),
        REMOVE_SERVICES((x, s) -> x.servicesGone(), (x, s, j, p) -> x.removeServices()),
        POWER_OFF_WORKERS((x, s) -> x.allDown(s.nodes()), EmergencyExecutor::powerOffWorkers),
        POWER_OFF_LAST_MANAGER((x, s) -> x.apiGone(), EmergencyExecutor::powerOffLastManager),
        POWER_ON_FIRST_MANAGER((x, s) -> x.leads(s.nodes().get(0)), EmergencyExecutor::powerOnFirstManager),
        POWER_ON_OTHERS((x, s) -> x.allReady(s.nodes()), EmergencyExecutor::powerOnOthers),
        PROMOTE((x, s) -> x.enoughManagers(), (x, s, j, p) -> x.promote(s.nodes())),
        DEPLOY_REGISTRY(EmergencyExecutor::registryBack, (x, s, j, p) -> x.deployRegistry(s)),
        DEPLOY_REST((x, s) -> x.workloadBack(), (x, s, j, p) -> x.deployRest());

        final EmergencyExecutor.Check done;
        final EmergencyExecutor.Act act;

        Action(EmergencyExecutor.Check done, EmergencyExecutor.Act act) {
            this.done = done;
            this.act = act;
        }
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
