package io.swarmops.recovery.quorum;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Node;
import java.util.List;
import java.util.Optional;

/**
 * What one daemon said when asked: its info (any daemon answers that, even without quorum), and the
 * node list or the reason it could not give one.
 *
 * @param host     the -H address asked
 * @param info     null when the daemon could not be reached
 * @param nodes    null when the node list was refused or not asked for
 * @param failure  why info or the node list failed, or null
 */
public record ManagerView(String host, EngineInfo info, List<Node> nodes, SwarmOpsException failure) {

    public boolean reachable() {
        return info != null;
    }

    public boolean isManager() {
        return info != null && info.isManager();
    }

    /** Autolocked and not unlocked since the daemon started: it cannot take part until unlocked. */
    public boolean locked() {
        return info != null && "locked".equals(info.localNodeState());
    }

    /** It listed the nodes, so a leader answered it. */
    public boolean seesLeader() {
        return nodes != null;
    }

    public boolean noLeader() {
        return failure != null && failure.kind() == SwarmOpsException.Kind.NO_LEADER;
    }

    /** The managers this daemon knows by Raft address, itself included. */
    public List<RaftMember> knownManagers() {
        return info == null ? List.of() : RaftMember.known(info);
    }

    /** This daemon's own Raft address, when it is a manager that knows itself. */
    public Optional<RaftMember> self() {
        return knownManagers().stream().filter(m -> m.nodeId().equals(info.nodeId())).findFirst();
    }

    /** What it said, in a few words, for the list of managers asked. */
    public String answer() {
        if (!reachable()) {
            return "unreachable (" + failure.getMessage() + ")";
        }
        if (locked()) {
            return "locked (autolock): unlock it to let it take part";
        }
        if (!isManager()) {
            return "not a manager (" + info.localNodeState() + ")";
        }
        if (seesLeader()) {
            return "sees a leader";
        }
        return noLeader() ? "no leader" : "cannot tell: " + failure.getMessage();
    }
}
