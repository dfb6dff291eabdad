package io.swarmops.ops.opts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
    @Test
    void capabilitiesAreNormalized() {
        assertEquals(Set.of("CAP_NET_ADMIN", "CAP_SYS_TIME", "ALL", "RESET"),
                Capabilities.normalized(List.of("net_admin", " CAP_SYS_TIME ", "cap_net_admin", "all", "reset")));
    }

    @Test
    void allStandsAloneAndAddingWinsOverDropping() {
        assertEquals(new Capabilities.Effective(List.of("ALL"), List.of("CAP_MKNOD")),
                Capabilities.effective(List.of("all", "net_admin"), List.of("mknod", "reset")));
        assertEquals(new Capabilities.Effective(List.of("CAP_NET_ADMIN"), List.of()),
                Capabilities.effective(List.of("net_admin"), List.of("NET_ADMIN")));
    }
}
