package io.swarmops.recovery.emergency;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.recovery.emergency.RunbookStep.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The DCCN reboot from shutdown (seed 001, section 4.5.1), planned from the saved state alone:
 * 1. power on the manager shut down last, and wait until it leads; 2. power on the other nodes; 3.
 * promote until the saved manager count; 4. deploy the registry stack(s) first and wait until the
 * registry answers (the other services pull their images from it); 5. re-create every other stack
 * and service as saved. Pure: the same state and config give the same runbook.
 */
public final class RebootRunbook {
    private RebootRunbook() {
    }

    /**
     * @param registryStacks the stacks brought back first (config registry.stacks); each must be in the state
     * @param probe          the URL that answers when the registry is up, or null to wait for its tasks only
     */
    public static Runbook plan(EmergencyState state, List<String> registryStacks, String probe) {
        TreeSet<String> saved = new TreeSet<>();
        state.workload().services().forEach(s -> saved.add(stackOf(s)));
        saved.remove("");
        for (String r : registryStacks) {
            if (!saved.contains(r)) {
                throw SwarmOpsException.invalid("registry.stacks names " + r + ", but the state file has no service of that stack (its stacks: "
                        + (saved.isEmpty() ? "none" : String.join(", ", saved)) + ")");
            }
        }
        SavedNode kept = state.keptManager();
        List<RunbookStep> steps = new ArrayList<>();
        steps.add(new RunbookStep("power-on-manager-" + kept.hostname(), Action.POWER_ON_FIRST_MANAGER, List.of(kept),
                "power on the manager " + kept.hostname() + " (the last one shut down) and wait until it leads"));
        List<SavedNode> others = state.others();
        if (!others.isEmpty()) {
            steps.add(new RunbookStep("power-on-others", Action.POWER_ON_OTHERS, others,
                    "power on " + String.join(", ", others.stream().map(SavedNode::hostname).toList()) + " and wait until they are ready"));
        }
        if (state.managers() > 1) {
            steps.add(new RunbookStep("promote", Action.PROMOTE, state.nodes().stream().filter(SavedNode::manager).toList(),
                    "promote nodes until " + state.managers() + " managers are reachable (the former managers first)"));
        }
        long registryServices = state.workload().services().stream().filter(s -> registryStacks.contains(stackOf(s))).count();
        if (!registryStacks.isEmpty()) {
            steps.add(new RunbookStep("deploy-registry", Action.DEPLOY_REGISTRY, List.of(), registryStacks,
                    "deploy the registry stack(s) " + String.join(", ", registryStacks) + " first (" + registryServices
                            + " service(s), with the networks, configs and node labels as saved) and wait until "
                            + (probe == null ? "their tasks run" : "the registry answers at " + probe)));
        }
        int rest = state.workload().services().size() - (int) registryServices;
        steps.add(new RunbookStep("deploy-rest", Action.DEPLOY_REST, List.of(),
                "re-create " + (registryStacks.isEmpty() ? "" : "every other stack and service: ") + rest
                        + " service(s) as saved, and wait until they converge"));
        return new Runbook(Runbook.REBOOT, steps);
    }

    static String stackOf(JsonNode serviceSpec) {
        return serviceSpec.path("Labels").path(Service.STACK_NAMESPACE_LABEL).asText("");
    }
}
