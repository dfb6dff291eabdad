package io.swarmops.sandbox;

import io.swarmops.ops.SwarmOpsException;
import java.util.regex.Pattern;

/**
 * What sandbox to make: a name prefix that every name of the sandbox derives from (network
 * namespaces, bridge, state directory), and how many nodes and managers.
 */
public record SandboxSpec(String prefix, int nodes, int managers) {
    public static final String DEFAULT_PREFIX = "swarmops";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,7}");
    /** Node addresses are the bridge's /24; bip blocks of 16 addresses per node bound the count. */
    public static final int MAX_NODES = 15;

    public SandboxSpec {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw SwarmOpsException.invalid("sandbox prefix must be 1-8 lower-case letters and digits, starting with a letter: " + prefix);
        }
        if (nodes < 1 || nodes > MAX_NODES) {
            throw SwarmOpsException.invalid("a sandbox has 1 to " + MAX_NODES + " nodes, not " + nodes);
        }
        if (managers < 1 || managers > nodes) {
            throw SwarmOpsException.invalid("a sandbox of " + nodes + " nodes has 1 to " + nodes + " managers, not " + managers);
        }
    }
}
