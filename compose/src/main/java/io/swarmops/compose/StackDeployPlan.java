package io.swarmops.compose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What {@code stack deploy} will do, in docker's order: prune services, create missing networks,
 * create or update secrets and configs, create or update services. A value: printed by
 * {@code stack diff} and {@code --dry-run}, executed by {@link StackDeployer}.
 */
public record StackDeployPlan(String stack, List<Step> steps) {

    /** One change to the swarm. */
    public sealed interface Step {
        /** One line for the plan, in the words docker prints ("Creating network web_default"). */
        String describe();
    }

    public record RemoveService(String id, String name) implements Step {
        @Override
        public String describe() {
            return "Removing service " + name;
        }
    }

    public record CreateNetwork(String name, ObjectNode request) implements Step {
        @Override
        public String describe() {
            return "Creating network " + name;
        }
    }

    /** {@code kind} is "secret" or "config". */
    public record CreateObject(String kind, String name, ObjectNode spec) implements Step {
        @Override
        public String describe() {
            return "Creating " + kind + " " + name;
        }
    }

    /** {@code changed}: whether the spec differs from the one in the swarm (docker updates either way). */
    public record UpdateObject(String kind, String id, long version, String name, ObjectNode spec, boolean changed) implements Step {
        @Override
        public String describe() {
            return "Updating " + kind + " " + name + (changed ? "" : " (unchanged)");
        }
    }

    /** A spec naming its secrets and configs; their IDs are filled in when the step runs. */
    public record CreateService(String name, ObjectNode spec) implements Step {
        @Override
        public String describe() {
            return "Creating service " + name;
        }
    }

    /**
     * {@code desired}: the spec as the file has it; {@code spec}: what will be sent (it keeps what the
     * service has that the file does not decide); {@code changes}: how the service's spec differs
     * from it, field by field. No changes: the deploy sends nothing for this service.
     */
    public record UpdateService(String id, long version, String name, ObjectNode desired, ObjectNode spec,
            List<ServiceSpecDiff.Change> changes) implements Step {
        @Override
        public String describe() {
            return changes.isEmpty() ? "Service " + name + " unchanged (id: " + id + ")"
                    : "Updating service " + name + " (id: " + id + ") - "
                            + String.join(", ", changes.stream().map(ServiceSpecDiff.Change::path).toList());
        }
    }
}
