package io.swarmops.recovery.emergency;

/** A node as the state file remembers it. */
public record SavedNode(String id, String hostname, String addr, String role) {
    public boolean manager() {
        return "manager".equals(role);
    }
}
