package io.swarmops.recovery.emergency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A procedure killed at any step — before its effect, or after the effect but before the journal
 * says so — and run again ends in the same state, with every destructive effect made exactly once.
 * The "cluster" here is a set of effects; each step is done when its effect is there, as the real
 * steps check the swarm.
 */
class RunbookResumeTest {
    @TempDir
    Path dir;

    /** Thrown where the process would have died. */
    static final class Killed extends RuntimeException {
        Killed() {
            super("killed", null, false, false);
        }
    }

    static Runbook runbook(Set<String> cluster, Map<String, Integer> effects, String killAt, boolean afterEffect) {
        List<Runbook.Step> steps = new ArrayList<>();
        for (String key : List.of("save-state", "demote-node2", "remove-services", "power-off-workers", "power-off-node1")) {
            steps.add(new Runbook.Step(key, key, () -> cluster.contains(key), () -> {
                if (key.equals(killAt) && !afterEffect) {
                    throw new Killed();
                }
                effects.merge(key, 1, Integer::sum);
                cluster.add(key);
                if (key.equals(killAt)) {
                    throw new Killed();
                }
            }));
        }
        return new Runbook("shutdown", steps);
    }

    @ParameterizedTest(name = "killed at {0}, after its effect: {1}")
    @CsvSource({
        "save-state,false", "save-state,true",
        "demote-node2,false", "demote-node2,true",
        "remove-services,false", "remove-services,true",
        "power-off-workers,false", "power-off-workers,true",
        "power-off-node1,false", "power-off-node1,true"})
    void killedAtAnyStepThenRunAgainEndsTheSame(String killAt, boolean afterEffect) {
        Set<String> cluster = new HashSet<>();
        Map<String, Integer> effects = new HashMap<>();
        Journal journal = new Journal(dir.resolve("state.json.journal"));
        assertThrows(Killed.class, () -> runbook(cluster, effects, killAt, afterEffect).run(journal, line -> { }));
        assertEquals("started", journal.events("shutdown").get(killAt), "the journal shows the step under way");

        runbook(cluster, effects, null, false).run(journal, line -> { });

        assertEquals(Set.of("save-state", "demote-node2", "remove-services", "power-off-workers", "power-off-node1"), cluster);
        effects.forEach((step, times) -> assertEquals(1, times, step + " made once"));
        assertTrue(journal.events("shutdown").values().stream().allMatch("done"::equals), journal.events("shutdown").toString());
    }
}
