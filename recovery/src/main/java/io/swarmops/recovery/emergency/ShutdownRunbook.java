package io.swarmops.recovery.emergency;

import io.swarmops.recovery.emergency.RunbookStep.Action;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The DCCN emergency shutdown (seed 001, section 4.5), planned from the saved state alone:
 * save the state; 1. stay on one manager; 2. demote the other managers; 3. remove the running stacks
 * and services; 4. power off the workers (the demoted managers among them); 5. power off the manager
 * last. Pure: the same state gives the same runbook.
 */
public final class ShutdownRunbook {
    /** The key of the last step, the kept manager's power-off, before its hostname. */
    public static final String LAST_STEP = "power-off-manager-";

    private ShutdownRunbook() {
    }

    public static Runbook plan(EmergencyState state, Path stateFile) {
        List<RunbookStep> steps = new ArrayList<>();
        var workload = state.workload();
        steps.add(new RunbookStep("save-state", Action.SAVE_STATE, List.of(),
                "save " + workload.services().size() + " service specs, " + workload.networks().size() + " networks, "
                        + workload.configs().size() + " configs, " + workload.secrets().size() + " secret names, " + state.nodes().size()
                        + " nodes' roles and labels, " + state.managers() + " managers and this order to " + stateFile));
        SavedNode kept = state.keptManager();
        for (SavedNode n : state.others()) {
            if (n.manager()) {
                steps.add(new RunbookStep("demote-" + n.hostname(), Action.DEMOTE, List.of(n), "demote manager " + n.hostname()));
            }
        }
        long stacks = workload.services().stream().map(RebootRunbook::stackOf).filter(s -> !s.isEmpty()).distinct().count();
        steps.add(new RunbookStep("remove-services", Action.REMOVE_SERVICES, List.of(),
                "remove " + stacks + " stack(s) and " + workload.services().size() + " service(s) in all, and wait until their tasks "
                        + "have stopped (networks, configs and secrets stay in the swarm)"));
        List<SavedNode> others = state.others();
        if (!others.isEmpty()) {
            steps.add(new RunbookStep("power-off-workers", Action.POWER_OFF_WORKERS, others,
                    "power off " + String.join(", ", others.stream().map(SavedNode::hostname).toList())
                            + " (in parallel) and wait until " + kept.hostname() + " sees them down"));
        }
        steps.add(new RunbookStep(LAST_STEP + kept.hostname(), Action.POWER_OFF_LAST_MANAGER, List.of(kept),
                "power off the manager " + kept.hostname() + ", last (its API ends here; the journal says so first)"));
        return new Runbook(Runbook.SHUTDOWN, steps);
    }
}
