package io.swarmops.recovery.power;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.nodes.PlainHost;

/**
 * A node as the power commands see it: the values of the placeholders {id}, {hostname}, {addr}.
 * Each is what the node reports about itself, so a node can choose it: a hostname such as
 * {@code -oProxyCommand=...} would be read by {@code ssh {hostname}} as an option and run as root.
 * Only host names and addresses pass ({@link PlainHost}, bracketed IPv6 addresses too), when the
 * state is captured ({@link #checked}) and again when a command is filled.
 */
public record Machine(String id, String hostname, String addr) {
    /**
     * This machine, when every value it reports may go into a command; refused with one line naming
     * the node otherwise. An empty value passes (it injects nothing): a command that uses it is
     * refused when filled.
     */
    public Machine checked() {
        check("id", id, true);
        check("hostname", hostname, true);
        check("addr", addr, true);
        return this;
    }

    /** The value of a placeholder, refused unless it is a host name or an address. */
    String value(String placeholder) {
        String v = switch (placeholder) {
            case "id" -> id;
            case "hostname" -> hostname;
            case "addr" -> addr;
            default -> throw new IllegalArgumentException(placeholder);
        };
        check(placeholder, v, false);
        return v;
    }

    private void check(String field, String value, boolean emptyPasses) {
        if (value == null || value.isEmpty() ? !emptyPasses : !PlainHost.is(value, true)) {
            throw SwarmOpsException.invalid("node " + shown(id) + " (hostname " + shown(hostname) + ") reports " + field + " "
                    + shown(value) + ": not a host name or address (" + PlainHost.ALLOWED + " only, not starting with -); "
                    + "it is never put in a power command: rename the node, or power it by hand");
        }
    }

    /** A reported value as one printable line: quoted, every character outside printable ASCII escaped. */
    static String shown(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                b.append(c);
            } else {
                b.append(String.format("\\x%02x", (int) c));
            }
        }
        return b.append('\'').toString();
    }
}
