package io.swarmops.recovery.quorum;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.model.EngineInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Asks daemons what they know: info first (always answered), then the node list (needs a leader). */
public final class QuorumProbe {
    /** The Engine's words for a lost quorum, in /info's Swarm.Error and in refused calls. */
    static final String NO_LEADER = "does not have a leader";

    private QuorumProbe() {
    }

    public static ManagerView ask(String host, SwarmGateway gateway) {
        EngineInfo info;
        try {
            info = gateway.info();
        } catch (SwarmOpsException e) {
            return new ManagerView(host, null, null, e);
        }
        if (!info.isManager()) {
            return new ManagerView(host, info, null, null);
        }
        if (info.swarmError().contains(NO_LEADER)) {
            // the daemon already knows: asking for the node list would only hang until its own timeout
            return new ManagerView(host, info, null, new SwarmOpsException(Kind.NO_LEADER, info.swarmError()));
        }
        try {
            return new ManagerView(host, info, gateway.nodes(), null);
        } catch (SwarmOpsException e) {
            return new ManagerView(host, info, null, e);
        }
    }

    /** Asks each of {@code hosts} through a gateway opened (and closed) for it. */
    public static List<ManagerView> askAll(List<String> hosts, Function<String, SwarmGateway> open) {
        List<ManagerView> views = new ArrayList<>();
        for (String h : hosts) {
            try (SwarmGateway g = open.apply(h)) {
                views.add(ask(h, g));
            } catch (SwarmOpsException e) {
                views.add(new ManagerView(h, null, null, e));
            }
        }
        return views;
    }
}
