package io.swarmops.recovery.quorum;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.SwarmInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a recovery must remember between runs, kept in the swarm's own labels (so any manager,
 * and the next run after nodes return, reads it): the manager count to restore and the Raft
 * addresses of the managers before the loss. After a force-new-cluster the swarm itself has
 * forgotten both. {@code quorum status} takes the count as the desired number of managers.
 */
public record RecoveryRecord(int managers, List<String> formerManagers) {
    public static final String MANAGERS_LABEL = "io.swarmops.quorum.managers";
    public static final String FORMER_LABEL = "io.swarmops.quorum.former-managers";

    public static Optional<RecoveryRecord> of(SwarmInfo swarm) {
        var labels = swarm.raw().path("Spec").path("Labels");
        if (!labels.has(MANAGERS_LABEL)) {
            return Optional.empty();
        }
        int managers;
        try {
            managers = Integer.parseInt(labels.path(MANAGERS_LABEL).asText());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String former = labels.path(FORMER_LABEL).asText("");
        return Optional.of(new RecoveryRecord(managers, former.isEmpty() ? List.of() : Arrays.asList(former.split(","))));
    }

    /** The swarm spec with this record in its labels, the rest unchanged. */
    public ObjectNode writeInto(ObjectNode swarmSpec) {
        ObjectNode labels = swarmSpec.path("Labels").isObject() ? (ObjectNode) swarmSpec.get("Labels") : swarmSpec.putObject("Labels");
        labels.put(MANAGERS_LABEL, String.valueOf(managers));
        labels.put(FORMER_LABEL, String.join(",", formerManagers));
        return swarmSpec;
    }
}
