package io.swarmops.cli.stack;

import io.swarmops.ops.SwarmOpsException;

/** Stack names as docker accepts them. */
final class StackNames {
    private StackNames() {
    }

    static void validate(String name) {
        if (name == null || name.isEmpty() || !name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new SwarmOpsException(SwarmOpsException.Kind.INVALID, "invalid stack name: \"" + name + "\"");
        }
    }
}
