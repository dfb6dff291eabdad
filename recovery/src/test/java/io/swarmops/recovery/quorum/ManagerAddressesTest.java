package io.swarmops.recovery.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swarmops.recovery.quorum.ManagerAddresses.Peer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagerAddressesTest {
    static final List<RaftMember> KNOWN = List.of(new RaftMember("a", "10.0.0.1:2377"), new RaftMember("b", "10.0.0.2:2377"),
            new RaftMember("c", "10.0.0.3:2377"));

    @Test
    void aTemplateAsksEveryOtherKnownManager() {
        assertEquals(List.of(new Peer("10.0.0.2", "tcp://10.0.0.2:2376"), new Peer("10.0.0.3", "tcp://10.0.0.3:2376")),
                ManagerAddresses.resolve(List.of("tcp://{host}:2376"), KNOWN, "a"));
    }

    @Test
    void pairsMapARaftHostToADockerAddressAndPlainHostsAreAskedAsGiven() {
        assertEquals(List.of(new Peer("10.0.0.2", "ssh-tunnel.sock"), new Peer(null, "unix:///run/m3.sock")),
                ManagerAddresses.resolve(List.of("10.0.0.2:2377=ssh-tunnel.sock", "unix:///run/m3.sock"), KNOWN, "a"));
        assertEquals(List.of(new Peer(null, "tcp://h:2376?x=1")), ManagerAddresses.resolve(List.of("tcp://h:2376?x=1"), KNOWN, "a"),
                "an '=' after the scheme is part of the address");
    }

    @Test
    void notAskedAreTheKnownManagersNoPeerOrAnswerCovers() {
        List<Peer> peers = List.of(new Peer("10.0.0.2", "tcp://x:2376"));
        assertEquals(List.of(KNOWN.get(2)), ManagerAddresses.notAsked(KNOWN, "a", peers, List.of()));
    }
}
