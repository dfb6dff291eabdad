package io.swarmops.recovery.quorum;

import io.swarmops.ops.SwarmOpsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the other managers' Docker APIs listen. Raft knows managers only by their swarm address
 * (host:2377); their Docker API may listen elsewhere (tcp://host:2376 with TLS, a unix socket on
 * the sandbox, nothing remote at all). Three forms, mixable:
 * <ul>
 *   <li>{@code tcp://10.0.0.12:2376} — a daemon to ask;</li>
 *   <li>{@code 10.0.0.12=tcp://mgr2.example:2376} — the manager with Raft host 10.0.0.12 is asked there;</li>
 *   <li>{@code tcp://{host}:2376} — a template, applied to the Raft host of every manager the local
 *       daemon knows ({@code /info} RemoteManagers), which even a daemon without quorum lists.</li>
 * </ul>
 */
public final class ManagerAddresses {
    /** One daemon to ask, and the Raft host it stands for when known before asking. */
    public record Peer(String raftHost, String dockerHost) {
    }

    private ManagerAddresses() {
    }

    public static List<Peer> resolve(List<String> entries, List<RaftMember> known, String selfNodeId) {
        Map<String, Peer> byDockerHost = new LinkedHashMap<>();
        for (String entry : entries) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("{host}")) {
                for (RaftMember m : known) {
                    if (!m.nodeId().equals(selfNodeId)) {
                        String docker = e.replace("{host}", m.host());
                        byDockerHost.put(docker, new Peer(m.host(), docker));
                    }
                }
                continue;
            }
            int eq = e.indexOf('=');
            int scheme = e.indexOf("://");
            if (eq > 0 && (scheme < 0 || eq < scheme)) {
                String raft = RaftMember.hostOf(e.substring(0, eq));
                String docker = e.substring(eq + 1);
                if (docker.isEmpty()) {
                    throw SwarmOpsException.invalid("--manager-hosts " + e + ": no Docker address after '='");
                }
                byDockerHost.put(docker, new Peer(raft, docker));
            } else {
                byDockerHost.putIfAbsent(e, new Peer(null, e));
            }
        }
        return new ArrayList<>(byDockerHost.values());
    }

    /**
     * The known managers (other than the local one) that no answer covers: neither mapped to a
     * daemon that was asked, nor the address of a daemon that answered. Nobody can say whether
     * they still run a swarm of their own.
     */
    public static List<RaftMember> notAsked(List<RaftMember> known, String selfNodeId, List<Peer> peers, List<ManagerView> answers) {
        List<String> covered = new ArrayList<>();
        peers.stream().filter(p -> p.raftHost() != null).forEach(p -> covered.add(p.raftHost()));
        answers.stream().filter(ManagerView::reachable).forEach(v -> covered.add(v.info().nodeAddr()));
        return known.stream().filter(m -> !m.nodeId().equals(selfNodeId) && !covered.contains(m.host())).toList();
    }
}
