package io.swarmops.ops.model;

import java.util.List;

/**
 * Raft arithmetic over the node list: N managers need ⌊N/2⌋+1 reachable for a quorum and tolerate
 * ⌊(N−1)/2⌋ failures; an even count adds no tolerance.
 *
 * @param managers  managers in the node list
 * @param reachable managers whose Raft status is reachable
 * @param leader    the leader's hostname, or "" when the list shows none
 */
public record ManagerQuorum(int managers, int reachable, String leader) {

    public static ManagerQuorum of(List<Node> nodes) {
        int managers = 0;
        int reachable = 0;
        String leader = "";
        for (Node n : nodes) {
            if (n.isManager()) {
                managers++;
                if (n.manager() != null && (n.manager().reachable() || n.isLeader())) {
                    reachable++;
                }
                if (n.isLeader()) {
                    leader = n.hostname();
                }
            }
        }
        return new ManagerQuorum(managers, reachable, leader);
    }

    public int quorumSize() {
        return managers / 2 + 1;
    }

    public int faultTolerance() {
        return managers == 0 ? 0 : (managers - 1) / 2;
    }

    public boolean held() {
        return managers > 0 && reachable >= quorumSize();
    }

    /** Managers that can still fail before quorum is lost. */
    public int remainingTolerance() {
        return Math.max(0, reachable - quorumSize());
    }
}
