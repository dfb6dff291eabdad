package io.swarmops.cli;

import io.swarmops.ops.SwarmOpsException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Commands on several targets go on after one fails, print each success, and report the failures joined. */
public final class MultiTarget {
    private MultiTarget() {
    }

    public static int each(CommandContext context, List<String> targets, Consumer<String> action) {
        List<String> failures = new ArrayList<>();
        SwarmOpsException.Kind kind = null;
        for (String target : targets) {
            try {
                action.accept(target);
            } catch (SwarmOpsException e) {
                failures.add(e.getMessage());
                kind = kind == null ? e.kind() : kind;
                if (e.kind() == SwarmOpsException.Kind.UNREACHABLE || e.kind() == SwarmOpsException.Kind.NO_LEADER) {
                    break; // the next target would fail the same way
                }
            }
        }
        if (failures.isEmpty()) {
            return ExitCodes.OK;
        }
        throw new SwarmOpsException(kind, String.join("; ", failures));
    }
}
