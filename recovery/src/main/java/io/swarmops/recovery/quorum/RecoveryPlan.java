package io.swarmops.recovery.quorum;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps {@code quorum recover} will take, decided from what the daemons said (pure). Run again
 * after a partial recovery, it plans only what is left: a held quorum needs no new cluster.
 *
 * @param formerManagerAddrs the Raft addresses (host:port) of the managers before the loss, for
 *                           preferring them when promoting
 */
public record RecoveryPlan(List<Step> steps, int targetManagers, String advertiseAddr, List<String> formerManagerAddrs) {

    public enum StepKind { FORCE_NEW_CLUSTER, VERIFY_WORKLOAD, REMOVE_STALE_MANAGERS, PROMOTE }

    public record Step(StepKind kind, String description) {
    }

    public boolean empty() {
        return steps.isEmpty();
    }

    /**
     * @param managers   target manager count, or 0 for the count before the loss, kept odd
     * @param advertise  the address to re-init with, or null for the node's own
     */
    public static RecoveryPlan plan(ManagerView local, List<ManagerView> others, int managers, String advertise, boolean removeStale) {
        QuorumStatus status = QuorumStatus.judge(local, others, 0);
        switch (status.verdict()) {
            case UNREACHABLE -> throw new SwarmOpsException(Kind.UNREACHABLE, "cannot recover: " + String.join("; ", status.notes()));
            case NOT_A_MANAGER -> throw new SwarmOpsException(Kind.NOT_A_MANAGER,
                    "cannot recover from a worker: run quorum recover on a surviving manager");
            default -> {
            }
        }
        for (ManagerView o : others) {
            if (o.seesLeader() && status.verdict() == QuorumStatus.Verdict.DEGRADED && local.noLeader()) {
                throw new SwarmOpsException(Kind.CONFLICT, "refusing to force a new cluster: " + o.host()
                        + " still sees a leader; this manager is cut off, not the swarm");
            }
        }
        // without a leader the daemon's own count may be stale; the managers it knows by address are not
        int before = Math.max(local.info().managers(), local.info().remoteManagers().size());
        int target = managers > 0 ? managers : (before % 2 == 0 ? before + 1 : Math.max(1, before));
        String addr = advertise != null ? advertise : local.info().nodeAddr();
        List<String> formers = local.info().remoteManagers();
        List<Step> steps = new ArrayList<>();
        if (status.verdict() == QuorumStatus.Verdict.LOST) {
            steps.add(new Step(StepKind.FORCE_NEW_CLUSTER, "re-initialise the swarm from this manager's state with --force-new-cluster"
                    + " (advertise " + addr + "); every other manager is dropped from Raft"));
            steps.add(new Step(StepKind.VERIFY_WORKLOAD, "check that a leader answers and services, networks, configs and secrets are all there"));
        }
        if (removeStale) {
            steps.add(new Step(StepKind.REMOVE_STALE_MANAGERS, "remove the entries of former managers that are down"));
        }
        int current = status.verdict() == QuorumStatus.Verdict.LOST ? 1 : status.reachable();
        if (current < target || status.verdict() == QuorumStatus.Verdict.LOST) {
            steps.add(new Step(StepKind.PROMOTE, "promote ready nodes, former managers first, until " + target
                    + " managers are reachable (now " + current + ")"));
        }
        return new RecoveryPlan(steps, target, addr, formers);
    }
}
