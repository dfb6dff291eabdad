package io.swarmops.rebalance;

import io.swarmops.ops.model.Node;
import java.util.List;
import java.util.Locale;

/**
 * One placement constraint as Swarm evaluates it ({@code swarmkit/manager/constraint}): a node
 * attribute, {@code ==} or {@code !=}, a value; keys compared case-insensitively, values as written.
 */
public record PlacementConstraint(String key, boolean equals, String value) {

    public static PlacementConstraint parse(String expression) {
        int ne = expression.indexOf("!=");
        int eq = expression.indexOf("==");
        if (ne < 0 && eq < 0) {
            throw new IllegalArgumentException("invalid constraint (no == or !=): " + expression);
        }
        boolean equals = ne < 0 || (eq >= 0 && eq < ne);
        int at = equals ? eq : ne;
        return new PlacementConstraint(expression.substring(0, at).trim(), equals, expression.substring(at + 2).trim());
    }

    public static boolean all(List<PlacementConstraint> constraints, Node node) {
        for (PlacementConstraint c : constraints) {
            if (!c.matches(node)) {
                return false;
            }
        }
        return true;
    }

    /** As written in the spec: {@code node.labels.zone==a}. */
    public String expression() {
        return key + (equals ? "==" : "!=") + value;
    }

    public boolean matches(Node node) {
        String k = key.toLowerCase(Locale.ROOT);
        String actual;
        if (k.equals("node.id")) {
            actual = node.id();
        } else if (k.equals("node.hostname")) {
            actual = node.hostname();
        } else if (k.equals("node.role")) {
            actual = node.role();
        } else if (k.equals("node.platform.os")) {
            actual = node.raw().path("Description").path("Platform").path("OS").asText("");
        } else if (k.equals("node.platform.arch")) {
            actual = node.raw().path("Description").path("Platform").path("Architecture").asText("");
        } else if (k.startsWith("node.labels.")) {
            actual = node.labels().get(key.substring("node.labels.".length()));
        } else if (k.startsWith("engine.labels.")) {
            actual = node.engineLabels().get(key.substring("engine.labels.".length()));
        } else {
            return false; // Swarm: an unknown key matches no node
        }
        if (actual == null) {
            return !equals; // a missing label is "not equal" to anything
        }
        boolean same = k.equals("node.hostname") || k.equals("node.role") || k.startsWith("node.platform")
                ? actual.equalsIgnoreCase(value) : actual.equals(value);
        return equals == same;
    }
}
