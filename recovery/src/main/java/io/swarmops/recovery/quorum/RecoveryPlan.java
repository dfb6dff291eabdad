package io.swarmops.recovery.quorum;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps {@code quorum recover} will take, decided from what the daemons said (pure). Run again
 * after a partial recovery, it plans only what is left: a held quorum needs no new cluster.
 *
 * @param targetManagers     reachable managers to end with
 * @param advertiseAddr      the Raft address (host:port) to re-initialise with
 * @param formerManagers     the Raft addresses (host:port) of the managers before the loss, preferred when promoting
 * @param warnings           what the operator should know before confirming (managers nobody could ask)
 */
public record RecoveryPlan(QuorumStatus status, List<Step> steps, int targetManagers, String advertiseAddr,
        List<String> formerManagers, List<String> warnings) {

    public enum StepKind { FORCE_NEW_CLUSTER, VERIFY_WORKLOAD, REMOVE_STALE_MANAGERS, RESTORE_MANAGERS }

    public record Step(StepKind kind, String description) {
    }

    public boolean empty() {
        return steps.isEmpty();
    }

    public boolean forcesNewCluster() {
        return steps.stream().anyMatch(s -> s.kind() == StepKind.FORCE_NEW_CLUSTER);
    }

    public String listenAddr() {
        return "0.0.0.0:" + advertiseAddr.substring(advertiseAddr.lastIndexOf(':') + 1);
    }

    /**
     * @param notAsked    known managers no answer covers (see {@link ManagerAddresses#notAsked})
     * @param recorded    what an earlier recovery recorded in the swarm's labels, when a leader answers
     * @param managers    target manager count, or 0 for the count before the loss (kept odd) or recorded
     * @param advertise   the address to re-init with (host or host:port), or null for the node's own
     */
    public static RecoveryPlan plan(ManagerView local, List<ManagerView> others, List<RaftMember> notAsked,
            Optional<RecoveryRecord> recorded, int managers, String advertise, boolean removeStale) {
        QuorumStatus status = QuorumStatus.judge(local, others, notAsked, 0);
        switch (status.verdict()) {
            case UNREACHABLE -> throw new SwarmOpsException(Kind.UNREACHABLE, "cannot recover: " + String.join("; ", status.notes()));
            case NOT_A_MANAGER -> throw new SwarmOpsException(Kind.NOT_A_MANAGER,
                    "cannot recover from here: " + String.join("; ", status.notes()) + "; run quorum recover against a surviving manager");
            case UNKNOWN -> throw new SwarmOpsException(local.locked() ? Kind.FAILED : Kind.UNREACHABLE, "cannot recover: "
                    + String.join("; ", status.notes()) + (local.locked() ? "; force-new-cluster fails on a locked manager (moby/moby#36852)" : ""));
            default -> {
            }
        }
        for (ManagerView o : others) {
            if (o.seesLeader() && !local.seesLeader()) {
                throw new SwarmOpsException(Kind.CONFLICT, "refusing to force a new cluster: " + o.host()
                        + " still sees a leader; this manager is cut off, not the swarm (fix its network, or run on the managers that lead)");
            }
        }
        boolean lost = status.verdict() == QuorumStatus.Verdict.LOST;
        List<String> formers = new ArrayList<>(recorded.map(RecoveryRecord::formerManagers).orElse(List.of()));
        local.knownManagers().stream().filter(m -> !local.self().map(s -> s.equals(m)).orElse(false))
                .map(RaftMember::addr).filter(a -> !formers.contains(a)).forEach(formers::add);
        int target;
        if (managers > 0) {
            target = managers;
        } else if (lost) {
            int before = status.managers();
            target = Math.max(1, before % 2 == 0 ? before - 1 : before);
        } else {
            target = recorded.map(RecoveryRecord::managers).orElse(status.reachable());
        }
        String addr = advertiseAddr(local, advertise);
        List<String> warnings = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (lost) {
            for (String a : status.notAsked()) {
                warnings.add("nobody answered for manager " + a + " (no --manager-hosts entry maps to it, or its daemon did not "
                        + "answer): if it may still run cut off from this one, forcing makes a second swarm");
            }
            steps.add(new Step(StepKind.FORCE_NEW_CLUSTER, "re-initialise the swarm from this manager's state with --force-new-cluster"
                    + " (advertise " + addr + "); every other manager leaves Raft"));
            steps.add(new Step(StepKind.VERIFY_WORKLOAD, "check that this node leads and that services, networks, configs and secrets "
                    + "are all there, and wait for the replicas"));
            if (removeStale) {
                steps.add(new Step(StepKind.REMOVE_STALE_MANAGERS, "remove the entries of former managers that are down"));
            }
            steps.add(new Step(StepKind.RESTORE_MANAGERS, "restore " + target + " reachable managers (now 1): wait for former "
                    + "managers to rejoin, promote ready nodes (former managers first), keep the count odd"));
        } else {
            List<Node> stale = staleEntries(local.nodes(), formers);
            if (removeStale && !stale.isEmpty()) {
                steps.add(new Step(StepKind.REMOVE_STALE_MANAGERS, "remove the entries of former managers that are down: "
                        + String.join(", ", stale.stream().map(Node::hostname).toList())));
            }
            if (status.reachable() < target) {
                steps.add(new Step(StepKind.RESTORE_MANAGERS, "restore " + target + " reachable managers (now " + status.reachable()
                        + "): wait for former managers to rejoin, promote ready nodes (former managers first), keep the count odd"));
            }
        }
        return new RecoveryPlan(status, steps, target, addr, formers, warnings);
    }

    /** Nodes down that were managers: listed with the manager role outside Raft, or at a former manager's address. */
    public static List<Node> staleEntries(List<Node> nodes, List<String> formerManagers) {
        return nodes.stream().filter(n -> !n.isReady() && (n.isManager() && n.manager() == null
                || n.manager() == null && isFormer(n, formerManagers))).toList();
    }

    static boolean isFormer(Node n, List<String> formerManagers) {
        return formerManagers.stream().anyMatch(a -> RaftMember.hostOf(a).equals(n.addr()));
    }

    private static String advertiseAddr(ManagerView local, String advertise) {
        int port = local.self().map(RaftMember::port).orElse(2377);
        if (advertise == null) {
            return local.self().map(RaftMember::addr).orElse(local.info().nodeAddr() + ":" + port);
        }
        boolean hasPort = advertise.startsWith("[") ? advertise.matches("\\[.*]:\\d+") : advertise.matches("[^:]*:\\d+");
        String host = advertise.contains(":") && !advertise.startsWith("[") && !hasPort ? "[" + advertise + "]" : advertise;
        return hasPort ? advertise : host + ":" + port;
    }
}
