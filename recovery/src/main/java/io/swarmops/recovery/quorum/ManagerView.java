package io.swarmops.recovery.quorum;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Node;
import java.util.List;

/**
 * What one daemon said when asked: its info (any daemon answers that, even without quorum), and the
 * node list or the reason it could not give one.
 *
 * @param host     the -H address asked
 * @param info     null when the daemon could not be reached
 * @param nodes    null when the node list was refused
 * @param failure  why info or the node list failed, or null
 */
public record ManagerView(String host, EngineInfo info, List<Node> nodes, SwarmOpsException failure) {

    public boolean reachable() {
        return info != null;
    }

    public boolean isManager() {
        return info != null && info.isManager();
    }

    /** It listed the nodes, so a leader answered it. */
    public boolean seesLeader() {
        return nodes != null;
    }

    public boolean noLeader() {
        return failure != null && failure.kind() == SwarmOpsException.Kind.NO_LEADER;
    }
}
