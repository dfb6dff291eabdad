package io.swarmops.recovery.quorum;

import io.swarmops.ops.model.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The quorum as seen from one daemon (and any other managers asked), judged. Pure.
 *
 * <p>Managers are counted as Raft counts them: nodes with a manager status. After a
 * force-new-cluster, dead managers stay listed with the manager role but without a manager status;
 * they are not members until they come back (and then rejoin by themselves).
 *
 * @param managers  Raft members (from the node list; from the daemon's known managers when no leader answers)
 * @param reachable members Raft reaches, or -1 when unknown
 * @param leader    the leader's hostname, or ""
 * @param desired   managers there should be (0: no wish)
 * @param peers     "host: answer" for each other daemon asked
 * @param notAsked  Raft addresses of known managers that nobody could speak for
 */
public record QuorumStatus(Verdict verdict, int managers, int reachable, String leader, int desired, List<String> notes,
        List<String> peers, List<String> notAsked) {

    public enum Verdict {
        /** Quorum held, every manager reachable, an odd count, as many as desired. */
        HEALTHY,
        /** Quorum held, but a manager unreachable or missing, an even count (no added tolerance), or fewer than desired. */
        DEGRADED,
        /** No leader, or fewer reachable managers than the quorum needs. */
        LOST,
        /** The daemon answers but is no manager: it cannot tell. */
        NOT_A_MANAGER,
        /** The daemon could not be reached. */
        UNREACHABLE,
        /** The daemon answers but could not tell (locked, an election under way, an unexpected error). */
        UNKNOWN
    }

    public int quorumSize() {
        return managers / 2 + 1;
    }

    public int faultTolerance() {
        return managers == 0 ? 0 : (managers - 1) / 2;
    }

    /** Judges what the local daemon (first) and the other managers asked said. */
    public static QuorumStatus judge(ManagerView local, List<ManagerView> others, List<RaftMember> notAsked, int desired) {
        List<String> peers = others.stream().map(o -> o.host() + ": " + o.answer()).toList();
        List<String> unasked = notAsked.stream().map(RaftMember::addr).toList();
        List<String> notes = new ArrayList<>();
        if (!local.reachable()) {
            return new QuorumStatus(Verdict.UNREACHABLE, 0, -1, "", desired, List.of(local.failure().getMessage()), peers, unasked);
        }
        int known = Math.max(local.info().managers(), local.knownManagers().size());
        if (local.locked()) {
            return new QuorumStatus(Verdict.UNKNOWN, known, -1, "", desired, List.of("this manager is locked (autolock): "
                    + "unlock it with 'docker swarm unlock' and the unlock key"), peers, unasked);
        }
        if (!local.isManager()) {
            String managers = local.knownManagers().stream().map(RaftMember::addr).toList().toString();
            return new QuorumStatus(Verdict.NOT_A_MANAGER, known, -1, "", desired, List.of("this daemon is not a swarm manager ("
                    + local.info().localNodeState() + "); ask a manager with -H" + (local.knownManagers().isEmpty() ? "" : ", known: " + managers)),
                    peers, unasked);
        }
        if (local.seesLeader()) {
            return fromNodeList(local.nodes(), desired, peers, unasked);
        }
        if (local.noLeader()) {
            int answering = 1;
            for (ManagerView o : others) {
                if (o.seesLeader()) {
                    notes.add(o.host() + " sees a leader: this manager is cut off, not the swarm");
                    return new QuorumStatus(Verdict.DEGRADED, known, -1, "", desired, notes, peers, unasked);
                }
                if (o.isManager()) {
                    answering++;
                }
            }
            notes.add("the swarm has no leader: " + answering + " of " + known + " managers answer, " + (known / 2 + 1) + " needed");
            return new QuorumStatus(Verdict.LOST, known, -1, "", desired, notes, peers, unasked);
        }
        return new QuorumStatus(Verdict.UNKNOWN, known, -1, "", desired, List.of("the node list could not be read ("
                + local.failure().getMessage() + "); a leader election may be under way: ask again in a few seconds"), peers, unasked);
    }

    static QuorumStatus fromNodeList(List<Node> nodes, int desired, List<String> peers, List<String> notAsked) {
        List<String> notes = new ArrayList<>();
        int members = 0;
        int reachable = 0;
        String leader = "";
        for (Node n : nodes) {
            if (n.manager() != null) {
                members++;
                if (n.manager().reachable() || n.isLeader()) {
                    reachable++;
                } else {
                    notes.add("manager " + n.hostname() + " is " + n.manager().reachability());
                }
                if (n.isLeader()) {
                    leader = n.hostname();
                }
            } else if (n.isManager()) {
                notes.add("node " + n.hostname() + " has the manager role but is not in Raft ("
                        + (n.isReady() ? "joining" : n.state() + ": it rejoins when it returns") + ")");
            }
        }
        Verdict v = notes.isEmpty() ? Verdict.HEALTHY : Verdict.DEGRADED;
        if (reachable < members / 2 + 1) {
            // the leader keeps answering for a few seconds before it notices and steps down
            notes.add(0, "only " + reachable + " of " + members + " managers reachable, " + (members / 2 + 1)
                    + " needed: the quorum is lost (the leader has not stepped down yet)");
            return new QuorumStatus(Verdict.LOST, members, reachable, leader, desired, notes, peers, notAsked);
        }
        if (members % 2 == 0) {
            v = Verdict.DEGRADED;
            notes.add(members + " managers: an even count tolerates no more failures than " + (members - 1));
        }
        if (desired > 0 && reachable < desired) {
            v = Verdict.DEGRADED;
            notes.add(reachable + " managers reachable, " + desired + " desired");
        }
        return new QuorumStatus(v, members, reachable, leader, desired, notes, peers, notAsked);
    }
}
