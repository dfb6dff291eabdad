package io.swarmops.cli.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code node update}: availability, role and labels, read–change–write. */
@Command(name = "update", description = "Update a node", mixinStandardHelpOptions = true)
public final class NodeUpdate extends SwarmopsVerb {
    @Parameters(paramLabel = "NODE")
    String node;

    @Option(names = "--availability", paramLabel = "STATE", description = "Availability of the node (active, pause, drain)")
    String availability;

    @Option(names = "--role", paramLabel = "ROLE", description = "Role of the node (worker, manager)")
    String role;

    @Option(names = "--label-add", paramLabel = "KEY[=VALUE]", description = "Add or update a node label")
    List<String> labelAdd = List.of();

    @Option(names = "--label-rm", paramLabel = "KEY", description = "Remove a node label if exists")
    List<String> labelRm = List.of();

    @Override
    protected int execute() {
        validate();
        SpecUpdates.updateNode(gateway(), node, this::apply, context()::say);
        out().println(node);
        return 0;
    }

    private void validate() {
        if (availability != null && !List.of("active", "pause", "drain").contains(availability.toLowerCase())) {
            throw SwarmOpsException.invalid("invalid availability \"" + availability + "\": use active, pause or drain");
        }
        if (role != null && !List.of("worker", "manager").contains(role.toLowerCase())) {
            throw SwarmOpsException.invalid("invalid role \"" + role + "\": use worker or manager");
        }
        for (String l : labelAdd) {
            if (l.isEmpty() || l.startsWith("=")) {
                throw SwarmOpsException.invalid("invalid label \"" + l + "\": use KEY or KEY=VALUE");
            }
        }
    }

    /** The pure change: docker's mergeNodeUpdate. */
    ObjectNode apply(ObjectNode spec) {
        if (availability != null) {
            spec.put("Availability", availability.toLowerCase());
        }
        if (role != null) {
            spec.put("Role", role.toLowerCase());
        }
        if (!labelAdd.isEmpty() || !labelRm.isEmpty()) {
            ObjectNode labels = spec.has("Labels") && spec.get("Labels").isObject()
                    ? (ObjectNode) spec.get("Labels") : spec.putObject("Labels");
            for (String l : labelAdd) {
                int eq = l.indexOf('=');
                labels.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
            }
            for (String k : labelRm) {
                if (!labels.has(k)) {
                    throw SwarmOpsException.invalid("key " + k + " doesn't exist in node's labels");
                }
                labels.remove(k);
            }
        }
        return spec;
    }
}
