package io.swarmops.recovery.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.emergency.RunbookStep.Action;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The runbooks' order, for any cluster shape: what the DCCN runbook asks, whatever the node count. */
class RunbookProperties {
    static EmergencyState state(int nodes, int managers, int keptIndex) {
        SimulatedCluster c = new SimulatedCluster();
        int kept = keptIndex % managers;
        // the kept manager is added first: the simulation talks to the first manager added
        c.addNode("m" + kept, "mgr" + kept, true);
        for (int i = 0; i < managers; i++) {
            if (i != kept) {
                c.addNode("m" + i, "mgr" + i, true);
            }
        }
        for (int i = 0; i < nodes - managers; i++) {
            c.addNode("w" + i, "wrk" + i, false);
        }
        return EmergencyState.capture(c, "mgr" + kept);
    }

    @Property
    void shutdownSavesFirstDemotesBeforeRemovingAndPowersEveryNodeOffOnceTheKeptManagerLast(
            @ForAll @IntRange(min = 1, max = 9) int nodes, @ForAll @IntRange(min = 1, max = 7) int managers, @ForAll @IntRange(max = 6) int kept) {
        int m = Math.min(managers, nodes);
        EmergencyState state = state(nodes, m, kept);
        List<RunbookStep> steps = ShutdownRunbook.plan(state, Path.of("s.json")).steps();

        assertEquals(Action.SAVE_STATE, steps.get(0).action());
        List<Action> actions = steps.stream().map(RunbookStep::action).toList();
        int removed = actions.indexOf(Action.REMOVE_SERVICES);
        assertEquals(m - 1, actions.subList(1, removed).stream().filter(a -> a == Action.DEMOTE).count(), "every other manager demoted");
        assertTrue(actions.subList(1, removed).stream().allMatch(a -> a == Action.DEMOTE), "demotions come before the removal");
        RunbookStep last = steps.get(steps.size() - 1);
        assertEquals(Action.POWER_OFF_LAST_MANAGER, last.action());
        assertEquals(List.of(state.keptManager()), last.nodes());
        List<SavedNode> poweredOff = new ArrayList<>();
        steps.stream().filter(s -> s.action() == Action.POWER_OFF_WORKERS || s.action() == Action.POWER_OFF_LAST_MANAGER)
                .forEach(s -> poweredOff.addAll(s.nodes()));
        assertEquals(nodes, poweredOff.size());
        assertEquals(nodes, new HashSet<>(poweredOff).size(), "each node once");
        Set<String> keys = new HashSet<>(steps.stream().map(RunbookStep::key).toList());
        assertEquals(steps.size(), keys.size(), "journal keys unique");
    }

    @Property
    void rebootStartsWithTheManagerShutDownLastPromotesToTheSavedCountAndDeploysTheRegistryBeforeTheRest(
            @ForAll @IntRange(min = 1, max = 9) int nodes, @ForAll @IntRange(min = 1, max = 7) int managers, @ForAll @IntRange(max = 6) int kept) {
        int m = Math.min(managers, nodes);
        EmergencyState state = state(nodes, m, kept);
        List<RunbookStep> steps = RebootRunbook.plan(state, List.of(), null).steps();
        List<RunbookStep> shutdown = ShutdownRunbook.plan(state, Path.of("s.json")).steps();

        assertEquals(Action.POWER_ON_FIRST_MANAGER, steps.get(0).action());
        assertEquals(shutdown.get(shutdown.size() - 1).nodes(), steps.get(0).nodes(), "the last one shut down comes first");
        assertEquals(m > 1, steps.stream().anyMatch(s -> s.action() == Action.PROMOTE), "promotion only when there were more managers");
        assertEquals(Action.DEPLOY_REST, steps.get(steps.size() - 1).action());
    }

    @Test
    void theRegistryStackIsDeployedBeforeTheRestAndAMisspeltOneIsRefused() {
        SimulatedCluster c = FourNodeSwarm.build();
        EmergencyState state = EmergencyState.capture(c, null);
        List<Action> actions = RebootRunbook.plan(state, List.of("registry"), "http://r:5000/v2/").steps().stream().map(RunbookStep::action).toList();
        assertEquals(List.of(Action.POWER_ON_FIRST_MANAGER, Action.POWER_ON_OTHERS, Action.PROMOTE, Action.DEPLOY_REGISTRY, Action.DEPLOY_REST),
                actions);
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> RebootRunbook.plan(state, List.of("regsitry"), null));
        assertEquals("registry.stacks names regsitry, but the state file has no service of that stack (its stacks: app, registry)", e.getMessage());
    }
}
