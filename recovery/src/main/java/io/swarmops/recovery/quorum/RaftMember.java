package io.swarmops.recovery.quorum;

import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A manager as a daemon's {@code GET /info} knows it ({@code Swarm.RemoteManagers}): its node ID and
 * its Raft address (host:port). Any daemon answers /info, even without a leader, so this is what a
 * swarm without quorum can still tell about its managers.
 */
public record RaftMember(String nodeId, String addr) {

    public static List<RaftMember> known(EngineInfo info) {
        List<RaftMember> out = new ArrayList<>();
        info.raw().path("Swarm").path("RemoteManagers")
                .forEach(r -> out.add(new RaftMember(Json.text(r, "NodeID"), Json.text(r, "Addr"))));
        return out;
    }

    /** The host part of the Raft address (what a node's Status.Addr and /info's NodeAddr show). */
    public String host() {
        return hostOf(addr);
    }

    public int port() {
        int colon = addr.lastIndexOf(':');
        return colon < 0 ? 2377 : Integer.parseInt(addr.substring(colon + 1));
    }

    static String hostOf(String addr) {
        int colon = addr.lastIndexOf(':');
        String host = colon < 0 ? addr : addr.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
