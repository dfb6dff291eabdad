package io.swarmops.recovery.quorum;

import io.swarmops.ops.model.ManagerQuorum;
import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The quorum as seen from one daemon (and any other managers asked), judged. Pure.
 *
 * @param managers   managers the swarm counts (from the node list, or from the daemon's info when no leader answers)
 * @param reachable  managers Raft reaches (from the node list), or -1 when unknown
 * @param leader     the leader's hostname, or ""
 */
public record QuorumStatus(Verdict verdict, int managers, int reachable, String leader, List<String> notes) {

    public enum Verdict {
        /** Quorum held, every manager reachable, an odd count. */
        HEALTHY,
        /** Quorum held, but a manager unreachable, or an even count (no added tolerance), or fewer than desired. */
        DEGRADED,
        /** No leader: too few managers online. */
        LOST,
        /** The daemon answers but is no manager: it cannot tell. */
        NOT_A_MANAGER,
        /** The daemon could not be reached. */
        UNREACHABLE
    }

    public int quorumSize() {
        return managers / 2 + 1;
    }

    public int faultTolerance() {
        return managers == 0 ? 0 : (managers - 1) / 2;
    }

    /** Judges what the local daemon (first) and the other managers asked said. */
    public static QuorumStatus judge(ManagerView local, List<ManagerView> others, int desiredManagers) {
        List<String> notes = new ArrayList<>();
        if (!local.reachable()) {
            return new QuorumStatus(Verdict.UNREACHABLE, 0, -1, "", List.of(local.failure().getMessage()));
        }
        if (!local.isManager()) {
            return new QuorumStatus(Verdict.NOT_A_MANAGER, local.info().managers(), -1, "",
                    List.of("this daemon is not a swarm manager (" + local.info().localNodeState() + "); ask a manager"));
        }
        if (local.seesLeader()) {
            ManagerQuorum q = ManagerQuorum.of(local.nodes());
            Verdict v = Verdict.HEALTHY;
            if (q.reachable() < q.managers()) {
                v = Verdict.DEGRADED;
                for (Node n : local.nodes()) {
                    if (n.isManager() && (n.manager() == null || !n.manager().reachable())) {
                        notes.add("manager " + n.hostname() + " is " + (n.manager() == null ? "joining" : n.manager().reachability()));
                    }
                }
            }
            if (q.managers() % 2 == 0) {
                v = Verdict.DEGRADED;
                notes.add(q.managers() + " managers: an even count tolerates no more failures than " + (q.managers() - 1));
            }
            if (desiredManagers > 0 && q.managers() < desiredManagers) {
                v = Verdict.DEGRADED;
                notes.add(q.managers() + " managers, " + desiredManagers + " desired");
            }
            return new QuorumStatus(v, q.managers(), q.reachable(), q.leader(), notes);
        }
        if (local.noLeader()) {
            int managers = local.info().managers();
            int answering = 1;
            for (ManagerView o : others) {
                if (o.seesLeader()) {
                    notes.add(o.host() + " sees a leader: this manager is cut off, not the swarm");
                    return new QuorumStatus(Verdict.DEGRADED, managers, -1, "", notes);
                }
                if (o.isManager()) {
                    answering++;
                }
            }
            notes.add("the swarm has no leader: " + answering + " of " + managers + " managers answer, "
                    + (managers / 2 + 1) + " needed");
            return new QuorumStatus(Verdict.LOST, managers, -1, "", notes);
        }
        return new QuorumStatus(Verdict.UNREACHABLE, local.info().managers(), -1, "",
                List.of("the node list could not be read: " + local.failure().getMessage()));
    }
}
