package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.SwarmOpsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go templates that scripts give {@code docker service inspect -f}: field paths into
 * the Engine object ({@code {{.Spec.Mode.Replicated.Replicas}}}), {@code {{json .Path}}},
 * {@code {{index .Spec.Labels "key"}}}. Values print as Go's fmt prints them (strings bare, maps
 * as {@code map[k:v]}, lists as {@code [a b]}); anything else is refused with one line.
 */
final class InspectTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
    private static final Pattern PATH = Pattern.compile("\\.((?:[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)?)");
    private static final Pattern EXPR = Pattern.compile("(?:(json)\\s+)?(\\.\\S*)|index\\s+(\\.\\S*)\\s+\"([^\"]*)\"");

    private final List<Object> parts = new ArrayList<>(); // literal String or Expr

    private record Expr(boolean json, List<String> path, String index) {
    }

    InspectTemplate(String format) {
        Matcher m = ACTION.matcher(format);
        int at = 0;
        while (m.find()) {
            parts.add(format.substring(at, m.start()));
            Matcher e = EXPR.matcher(m.group(1));
            if (!e.matches()) {
                throw unsupported(m.group(1));
            }
            String path = e.group(2) != null ? e.group(2) : e.group(3);
            Matcher p = PATH.matcher(path);
            if (!p.matches()) {
                throw unsupported(m.group(1));
            }
            List<String> fields = p.group(1).isEmpty() ? List.of() : List.of(p.group(1).split("\\."));
            parts.add(new Expr(e.group(1) != null, fields, e.group(4)));
            at = m.end();
        }
        parts.add(format.substring(at));
    }

    private static SwarmOpsException unsupported(String action) {
        return SwarmOpsException.invalid("template: unsupported action {{" + action + "}} (use {{.Path.To.Field}}, {{json .Path}},"
                + " {{index .Path \"key\"}})");
    }

    String render(JsonNode object) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
                continue;
            }
            Expr e = (Expr) part;
            JsonNode v = object;
            for (String field : e.path()) {
                v = v.path(field);
            }
            if (e.index() != null) {
                // index of a missing key is the map's zero value, "" for docker's string maps
                v = v.has(e.index()) ? v.path(e.index()) : com.fasterxml.jackson.databind.node.TextNode.valueOf("");
            }
            out.append(e.json() ? (v.isMissingNode() ? "null" : v.toString()) : goValue(v));
        }
        return out.toString();
    }

    /** Go's %v of the value the JSON came from. */
    static String goValue(JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return "<no value>";
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(goValue(i)));
            return "[" + String.join(" ", items) + "]";
        }
        if (v.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            v.fields().forEachRemaining(f -> sorted.put(f.getKey(), goValue(f.getValue())));
            List<String> items = new ArrayList<>();
            sorted.forEach((k, x) -> items.add(k + ":" + x));
            return "map[" + String.join(" ", items) + "]";
        }
        return v.asText();
    }
}
