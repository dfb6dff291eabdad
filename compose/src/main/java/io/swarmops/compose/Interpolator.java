package io.swarmops.compose;

import io.swarmops.compose.yaml.YamlNode;
import io.swarmops.compose.yaml.YamlNode.Entry;
import io.swarmops.compose.yaml.YamlNode.YamlList;
import io.swarmops.compose.yaml.YamlNode.YamlMap;
import io.swarmops.compose.yaml.YamlNode.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variable substitution in compose values as docker's {@code compose/template} does it: {@code $$},
 * {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-d}}, {@code ${VAR-d}}, {@code ${VAR:?e}},
 * {@code ${VAR?e}}; values only, never keys; defaults are not substituted again. A value that changed
 * and sits where the file format wants a number or a boolean is cast ({@code tty: ${TTY}} with
 * TTY=yes is true), as docker's loader casts it.
 */
public final class Interpolator {
    private static final String SUBST = "[_a-z][_a-z0-9]*(?::?[-?][^}]*)?";
    private static final Pattern PATTERN = Pattern.compile(
            "\\$(?i:(?<escaped>\\$)|(?<named>" + SUBST + ")|\\{(?<braced>" + SUBST + ")\\}|(?<invalid>))");

    private final Map<String, String> env;

    public Interpolator(Map<String, String> env) {
        this.env = env;
    }

    /** The substituted string; {@code where} names the value in errors. */
    public String substitute(String template, YamlNode where, String key) {
        // docker keeps only the error state of the last substitution it evaluated: a later
        // successful ${B:-x} clears an earlier failure. Kept as docker has it.
        Matcher m = PATTERN.matcher(template);
        StringBuilder out = new StringBuilder();
        String error = null;
        while (m.find()) {
            String replacement;
            if (m.group("escaped") != null) {
                replacement = "$";
            } else {
                String subst = m.group("named") != null ? m.group("named") : m.group("braced");
                if (subst == null) {
                    error = "invalid interpolation format \"" + template + "\"; you may need to escape any $ with another $";
                    replacement = "";
                } else {
                    Result r = apply(subst);
                    error = r.error;
                    replacement = r.value;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        if (error != null) {
            throw new ComposeException(where.mark(), key, error);
        }
        return out.toString();
    }

    private record Result(String value, String error) {
    }

    private Result apply(String subst) {
        if (subst.contains(":-")) {
            String[] p = partition(subst, ":-");
            String v = env.get(p[0]);
            return new Result(v == null || v.isEmpty() ? p[1] : v, null);
        }
        if (subst.contains("-")) {
            String[] p = partition(subst, "-");
            String v = env.get(p[0]);
            return new Result(v == null ? p[1] : v, null);
        }
        if (subst.contains(":?")) {
            String[] p = partition(subst, ":?");
            String v = env.get(p[0]);
            if (v == null || v.isEmpty()) {
                return new Result("", "required variable " + p[0] + " is missing a value: " + p[1]);
            }
            return new Result(v, null);
        }
        if (subst.contains("?")) {
            String[] p = partition(subst, "?");
            String v = env.get(p[0]);
            if (v == null) {
                return new Result("", "required variable " + p[0] + " is missing a value: " + p[1]);
            }
            return new Result(v, null);
        }
        String v = env.get(subst);
        return new Result(v == null ? "" : v, null);
    }

    private static String[] partition(String s, String sep) {
        int i = s.indexOf(sep);
        return new String[] {s.substring(0, i), s.substring(i + sep.length())};
    }

    /** The whole file with every string value substituted (and cast where docker casts). */
    public YamlMap interpolate(YamlMap top) {
        return (YamlMap) walk(top, "", "");
    }

    private YamlNode walk(YamlNode node, String pattern, String key) {
        if (node instanceof YamlMap map) {
            Map<String, Entry> out = new LinkedHashMap<>();
            for (Map.Entry<String, Entry> e : map.entries().entrySet()) {
                String k = e.getKey();
                out.put(k, new Entry(e.getValue().keyMark(),
                        walk(e.getValue().value(), join(pattern, k), join(key, k))));
            }
            return new YamlMap(out, map.mark());
        }
        if (node instanceof YamlList list) {
            List<YamlNode> out = new ArrayList<>();
            int i = 0;
            for (YamlNode item : list.items()) {
                out.add(walk(item, join(pattern, "[]"), key + "[" + i++ + "]"));
            }
            return new YamlList(out, list.mark());
        }
        YamlScalar s = (YamlScalar) node;
        if (!(s.value() instanceof String str)) {
            return s;
        }
        String v = substitute(str, s, key);
        if (v.equals(str)) {
            return s;
        }
        Function<String, Object> cast = caster(pattern);
        if (cast == null) {
            return new YamlScalar(v, s.mark());
        }
        try {
            return new YamlScalar(cast.apply(v), s.mark());
        } catch (IllegalArgumentException e) {
            throw new ComposeException(s.mark(), key, "failed to cast to expected type: " + e.getMessage());
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "." + b;
    }

    private static final Map<String, Function<String, Object>> CASTS = new LinkedHashMap<>();

    static {
        Function<String, Object> toInt = Interpolator::toInt;
        Function<String, Object> toFloat = Interpolator::toFloat;
        Function<String, Object> toBool = Interpolator::toBoolean;
        String s = "services.*.";
        CASTS.put(s + "configs.[].mode", toInt);
        CASTS.put(s + "secrets.[].mode", toInt);
        CASTS.put(s + "healthcheck.retries", toInt);
        CASTS.put(s + "healthcheck.disable", toBool);
        CASTS.put(s + "deploy.replicas", toInt);
        CASTS.put(s + "deploy.update_config.parallelism", toInt);
        CASTS.put(s + "deploy.update_config.max_failure_ratio", toFloat);
        CASTS.put(s + "deploy.rollback_config.parallelism", toInt);
        CASTS.put(s + "deploy.rollback_config.max_failure_ratio", toFloat);
        CASTS.put(s + "deploy.restart_policy.max_attempts", toInt);
        CASTS.put(s + "deploy.placement.max_replicas_per_node", toInt);
        CASTS.put(s + "ports.[].target", toInt);
        CASTS.put(s + "ports.[].published", toInt);
        CASTS.put(s + "ulimits.*", toInt);
        CASTS.put(s + "ulimits.*.hard", toInt);
        CASTS.put(s + "ulimits.*.soft", toInt);
        CASTS.put(s + "privileged", toBool);
        CASTS.put(s + "read_only", toBool);
        CASTS.put(s + "stdin_open", toBool);
        CASTS.put(s + "tty", toBool);
        CASTS.put(s + "volumes.[].read_only", toBool);
        CASTS.put(s + "volumes.[].volume.nocopy", toBool);
        for (String top : List.of("networks", "volumes", "secrets", "configs")) {
            CASTS.put(top + ".*.external", toBool);
        }
        for (String top : List.of("networks")) {
            CASTS.put(top + ".*.internal", toBool);
            CASTS.put(top + ".*.attachable", toBool);
        }
    }

    private static Function<String, Object> caster(String path) {
        String[] parts = path.split("\\.", -1);
        for (Map.Entry<String, Function<String, Object>> e : CASTS.entrySet()) {
            String[] pat = e.getKey().split("\\.", -1);
            if (pat.length != parts.length) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < pat.length && ok; i++) {
                ok = pat[i].equals("*") || pat[i].equals(parts[i]);
            }
            if (ok) {
                return e.getValue();
            }
        }
        return null;
    }

    static Object toInt(String v) {
        if (!v.matches("[+-]?[0-9]+")) {
            throw new IllegalArgumentException("strconv.Atoi: parsing \"" + v + "\": invalid syntax");
        }
        try {
            return Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.Atoi: parsing \"" + v + "\": value out of range");
        }
    }

    static Object toFloat(String v) {
        try {
            if (!v.matches("[+-]?(([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|[Ii]nf(inity)?|NaN)")) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(v.replaceAll("(?i)inf(inity)?", "Infinity"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("strconv.ParseFloat: parsing \"" + v + "\": invalid syntax");
        }
    }

    static Object toBoolean(String v) {
        return switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "y", "yes", "true", "on" -> Boolean.TRUE;
            case "n", "no", "false", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("invalid boolean: " + v);
        };
    }
}
