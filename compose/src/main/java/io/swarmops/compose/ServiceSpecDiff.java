package io.swarmops.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one comparison of a service's spec in the swarm with the spec a deploy would send: both ways,
 * field by field, each difference named by its path ({@code TaskTemplate.ContainerSpec.Env[1]}).
 * {@code stack diff} prints it; {@code stack deploy} updates a service only when it is not empty.
 *
 * <p>A field left out is the same as its zero value (Go's {@code omitempty}) or as the default the
 * daemon stores for it ({@code Replicas} 1, {@code PublishMode} "ingress", ...), and a field the
 * daemon does not keep is no difference (each seen in StackDeployParityIT); an entry of a map
 * (labels, options, sysctls) is there or not, whatever its value. float32 fields the daemon sends back
 * widened ({@code MaxFailureRatio}) are compared at float precision.
 */
public final class ServiceSpecDiff {
    /** What became of a field. */
    public enum Kind {
        ADDED("+"), CHANGED("~"), REMOVED("-");

        private final String sign;

        Kind(String sign) {
            this.sign = sign;
        }
    }

    /** One field: {@code before} is missing for an addition, {@code after} for a removal. */
    public record Change(Kind kind, String path, JsonNode before, JsonNode after) {
        /** {@code "+ path: value"}, {@code "~ path: before -> after"} or {@code "- path: value"}. */
        @Override
        public String toString() {
            return kind.sign + " " + path + ": " + switch (kind) {
                case ADDED -> after.toString();
                case REMOVED -> before.toString();
                case CHANGED -> before + " -> " + after;
            };
        }
    }

    /** What the daemon stores for a field that a spec leaves out, by "parent.field" ("[]" for any element). */
    private static final Map<String, String> DAEMON_DEFAULTS = Map.ofEntries(
            Map.entry("Replicated.Replicas", "1"),
            Map.entry("EndpointSpec.Mode", "vip"),
            Map.entry("Ports[].PublishMode", "ingress"),
            Map.entry("Ports[].Protocol", "tcp"),
            Map.entry("UpdateConfig.Order", "stop-first"),
            Map.entry("RollbackConfig.Order", "stop-first"),
            Map.entry("UpdateConfig.FailureAction", "pause"),
            Map.entry("RollbackConfig.FailureAction", "pause"),
            Map.entry("RestartPolicy.Condition", "any"),
            Map.entry("TaskTemplate.Runtime", "container"),
            Map.entry("ContainerSpec.Isolation", "default"));

    /** Fields a spec may send and the daemon does not keep (dockerd 20.10): never a difference. */
    private static final Set<String> NOT_KEPT = Set.of("Mounts[].Consistency");

    /** Objects whose entries are data, not fields: an entry with an empty value is still an entry. */
    private static final Set<String> MAPS = Set.of("Labels", "Sysctls", "Options", "DriverOpts");

    private ServiceSpecDiff() {
    }

    /** Every difference from {@code current} (the swarm's) to {@code next} (the deploy's), in path order. */
    public static List<Change> between(JsonNode current, JsonNode next) {
        List<Change> out = new ArrayList<>();
        compare("", "", current, next, false, out);
        return out;
    }

    private static void compare(String path, String field, JsonNode cur, JsonNode next, boolean mapEntry, List<Change> out) {
        boolean curAbsent = cur == null || cur.isMissingNode() || cur.isNull();
        boolean nextAbsent = next == null || next.isMissingNode() || next.isNull();
        if (curAbsent && nextAbsent || NOT_KEPT.contains(lastTwo(field))) {
            return;
        }
        if ((curAbsent || cur.isObject()) && (nextAbsent || next.isObject())) {
            TreeSet<String> keys = new TreeSet<>();
            if (!curAbsent) {
                cur.fieldNames().forEachRemaining(keys::add);
            }
            if (!nextAbsent) {
                next.fieldNames().forEachRemaining(keys::add);
            }
            boolean entries = MAPS.contains(lastName(field));
            for (String k : keys) {
                compare(path.isEmpty() ? k : path + "." + k, field.isEmpty() ? k : field + "." + k, curAbsent ? null : cur.get(k),
                        nextAbsent ? null : next.get(k), entries, out);
            }
            return;
        }
        if ((curAbsent || cur.isArray()) && (nextAbsent || next.isArray())) {
            int size = Math.max(curAbsent ? 0 : cur.size(), nextAbsent ? 0 : next.size());
            String elements = lastName(field) + "[]";
            for (int i = 0; i < size; i++) {
                compare(path + "[" + i + "]", elements, curAbsent ? null : cur.get(i), nextAbsent ? null : next.get(i), true, out);
            }
            return;
        }
        if (curAbsent) {
            if (mapEntry || !isDefault(field, next)) {
                out.add(new Change(Kind.ADDED, path, MissingNode.getInstance(), next));
            }
        } else if (nextAbsent) {
            if (mapEntry || !isDefault(field, cur)) {
                out.add(new Change(Kind.REMOVED, path, cur, MissingNode.getInstance()));
            }
        } else if (!same(cur, next)) {
            out.add(new Change(Kind.CHANGED, path, cur, next));
        }
    }

    private static boolean same(JsonNode cur, JsonNode next) {
        return cur.equals(next) || cur.isNumber() && next.isNumber() && (float) cur.asDouble() == (float) next.asDouble();
    }

    /** A value a spec may as well leave out: a zero value, or what the daemon stores for the field. */
    private static boolean isDefault(String field, JsonNode n) {
        if (n.isNumber() && n.asDouble() == 0 || n.isBoolean() && !n.asBoolean() || n.isTextual() && n.asText().isEmpty()) {
            return true;
        }
        String key = lastTwo(field);
        return DAEMON_DEFAULTS.containsKey(key) && DAEMON_DEFAULTS.get(key).equals(n.asText());
    }

    /** "a.Ports[].PublishMode" → "Ports[].PublishMode": the field and the one holding it. */
    private static String lastTwo(String field) {
        int last = field.lastIndexOf('.');
        if (last < 0) {
            return field;
        }
        int before = field.lastIndexOf('.', last - 1);
        return field.substring(before + 1);
    }

    private static String lastName(String field) {
        String f = field.endsWith("[]") ? field.substring(0, field.length() - 2) : field;
        return f.substring(f.lastIndexOf('.') + 1);
    }
}
