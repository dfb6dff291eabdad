package io.swarmops.recovery.emergency;

import io.swarmops.recovery.power.Machine;

/** A node as the state file remembers it. */
public record SavedNode(String id, String hostname, String addr, String role) {
    public boolean manager() {
        return "manager".equals(role);
    }

    public Machine machine() {
        return new Machine(id, hostname, addr);
    }
}
