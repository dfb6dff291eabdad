package io.swarmops.recovery.quorum;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The manager restoration over random losses: some of the dead managers return (with their
 * manager role, or as workers), at random times or never; some workers are ready. Whatever
 * happens, promotions never overshoot the target, never leave an even count short of it (only a
 * manager returning on its own can), and the target is met whenever enough nodes are there in time.
 */
class RestoreManagersProperties {
    static final int TIMEOUT = 60;

    @Property(tries = 300)
    void neverOvershootsNeverEndsEvenWhenAvoidableAndMeetsTheTargetWhenItCan(
            @ForAll @Size(max = 4) List<@IntRange(min = -1, max = 150) Integer> returnAt,
            @ForAll @Size(max = 4) List<Boolean> returnsAsWorker,
            @ForAll @IntRange(min = 0, max = 4) int workers,
            @ForAll @IntRange(min = 0, max = 3) int explicitTarget) {
        FakeSwarm s = new FakeSwarm("n1").node("n1", 1, "manager", true, true);
        int down = returnAt.size();
        for (int i = 0; i < down; i++) {
            s.node("m" + i, 2 + i, "manager", false, true);
        }
        for (int i = 0; i < workers; i++) {
            s.node("w" + i, 10 + i, "worker", true, false);
        }
        s.knownManagers = 1 + down;
        s.leaderAnswers = false;
        QuorumRecoveryTest.VirtualTime t = new QuorumRecoveryTest.VirtualTime();
        int returnedInTime = 0;
        for (int i = 0; i < down; i++) {
            int at = returnAt.get(i);
            boolean asWorker = i < returnsAsWorker.size() && returnsAsWorker.get(i);
            FakeSwarm.N n = s.nodes.get("m" + i);
            if (at >= 0) {
                t.schedule(at, () -> {
                    n.ready = true;
                    if (asWorker) {
                        n.role = "worker";
                    }
                });
                returnedInTime += at < TIMEOUT ? 1 : 0;
            }
        }
        int target0 = explicitTarget == 0 ? 0 : explicitTarget * 2 - 1;
        RecoveryPlan plan = RecoveryPlan.plan(QuorumProbe.ask("h", s), List.of(), List.of(), Optional.empty(), target0, null, false);
        int target = plan.targetManagers();
        QuorumRecovery.Result r = new QuorumRecovery(s, List::of, Duration.ofSeconds(TIMEOUT), false, null, x -> { }, t, t::sleep).run(plan);

        long promotions = s.writes.stream().filter(w -> w.endsWith(" manager")).count();
        assertTrue(promotions <= target - 1, "promoted " + promotions + " for a target of " + target + ": " + s.writes);
        assertTrue(r.reachableManagers() <= target, r + " " + s.writes);
        long cameBackAsManagers = s.nodes().stream().filter(n -> n.id().startsWith("m") && n.isManager() && n.isReady()
                && !s.writes.contains("role " + n.id() + " manager")).count();
        if (r.reachableManagers() < target && r.reachableManagers() % 2 == 0) {
            assertTrue(cameBackAsManagers > 0, "promotions left an even " + r.reachableManagers() + ": " + s.writes);
        }
        if (1 + workers + returnedInTime >= target) {
            assertTrue(r.complete() || r.reachableManagers() >= target, "enough nodes in time, yet " + r + " " + s.writes);
        }
    }
}
