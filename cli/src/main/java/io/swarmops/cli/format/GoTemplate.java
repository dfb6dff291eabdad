package io.swarmops.cli.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of docker's Go templates that scripts use with {@code --format}: {@code {{.Field}}},
 * {@code {{json .Field}}}, {@code {{json .}}}, {@code {{upper .Field}}}, {@code {{lower .Field}}},
 * escapes {@code \t} and {@code \n}, and the {@code table} prefix that adds a header and aligns
 * columns. Fields are a row's columns by docker's names (Hostname, ManagerStatus, ...). Anything
 * else is refused with one clear line rather than printed wrong.
 */
public final class GoTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}");
    private static final Pattern EXPR = Pattern.compile("(?:(json|upper|lower|title)\\s+)?\\.([A-Za-z0-9_]*)");

    private final boolean table;
    private final List<Object> parts; // String literals and Action

    private record Action(String function, String field) {
    }

    private GoTemplate(boolean table, List<Object> parts) {
        this.table = table;
        this.parts = parts;
    }

    public static GoTemplate parse(String format) {
        String f = format;
        boolean table = false;
        if (f.startsWith("table ") || f.equals("table")) {
            table = true;
            f = f.substring(5).stripLeading();
        }
        f = f.replace("\\t", "\t").replace("\\n", "\n");
        List<Object> parts = new ArrayList<>();
        Matcher m = ACTION.matcher(f);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(f.substring(at, m.start()));
            }
            Matcher e = EXPR.matcher(m.group(1));
            if (!e.matches()) {
                throw SwarmOpsException.invalid("template: unsupported action {{" + m.group(1) + "}} (use {{.Field}}, {{json .Field}}, {{json .}})");
            }
            parts.add(new Action(e.group(1), e.group(2)));
            at = m.end();
        }
        if (at < f.length()) {
            parts.add(f.substring(at));
        }
        return new GoTemplate(table, parts);
    }

    public boolean table() {
        return table;
    }

    /** Renders one row; {@code fields} are the row's values by field name. */
    public String render(Map<String, ?> fields) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                b.append(s);
            } else {
                b.append(value((Action) p, fields));
            }
        }
        return b.toString();
    }

    /** The header for the {@code table} form: each field's column title. */
    public String header(Map<String, String> titles) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof String s) {
                b.append(s);
            } else {
                Action a = (Action) p;
                b.append(a.field().isEmpty() ? "" : titles.getOrDefault(a.field(), a.field().toUpperCase()));
            }
        }
        return b.toString();
    }

    private static String value(Action a, Map<String, ?> fields) {
        Object v;
        if (a.field().isEmpty()) {
            v = fields;
        } else if (fields.containsKey(a.field())) {
            v = fields.get(a.field());
        } else {
            throw SwarmOpsException.invalid("template: no field \"" + a.field() + "\" (fields: " + String.join(", ", fields.keySet()) + ")");
        }
        if (a.function() == null) {
            return v == null ? "" : v.toString();
        }
        return switch (a.function()) {
            case "json" -> json(v);
            case "upper" -> String.valueOf(v).toUpperCase();
            case "lower" -> String.valueOf(v).toLowerCase();
            default -> String.valueOf(v).isEmpty() ? "" : Character.toUpperCase(String.valueOf(v).charAt(0)) + String.valueOf(v).substring(1);
        };
    }

    private static String json(Object v) {
        try {
            return Json.MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
