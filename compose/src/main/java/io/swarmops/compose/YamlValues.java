package io.swarmops.compose;

import io.swarmops.compose.yaml.GoNumbers;
import io.swarmops.compose.yaml.YamlNode;
import io.swarmops.compose.yaml.YamlNode.YamlList;
import io.swarmops.compose.yaml.YamlNode.YamlMap;
import io.swarmops.compose.yaml.YamlNode.YamlScalar;
import io.swarmops.compose.yaml.YamlTimestamp;
import io.swarmops.ops.opts.GoDuration;
import io.swarmops.ops.opts.InvalidSyntax;
import io.swarmops.ops.opts.ShellWords;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads of YAML values with the checks docker's schema makes: each wrong type is a
 * {@link ComposeException} naming the file, the line and the key ({@code must be a string}).
 */
final class YamlValues {
    private YamlValues() {
    }

    static ComposeException error(YamlNode at, String key, String message) {
        return new ComposeException(at.mark(), key, message);
    }

    static YamlMap map(YamlNode n, String key) {
        if (n instanceof YamlMap m) {
            return m;
        }
        throw error(n, key, "must be a mapping");
    }

    /** A mapping, or null when the value is YAML null (where the format allows it). */
    static YamlMap mapOrNull(YamlNode n, String key) {
        if (n instanceof YamlScalar s && s.isNull()) {
            return null;
        }
        if (n instanceof YamlMap m) {
            return m;
        }
        throw error(n, key, "must be a mapping or null");
    }

    static YamlList list(YamlNode n, String key) {
        if (n instanceof YamlList l) {
            return l;
        }
        throw error(n, key, "must be a list");
    }

    /** Rejects keys outside {@code allowed} (and not {@code x-} when {@code extensions}). */
    static void keys(YamlMap m, String key, Collection<String> allowed, boolean extensions) {
        for (String k : m.entries().keySet()) {
            if (!allowed.contains(k) && !(extensions && k.startsWith("x-"))) {
                throw new ComposeException(m.keyMark(k), join(key, k), "additional property " + k + " is not allowed");
            }
        }
    }

    static String join(String key, String k) {
        return key == null || key.isEmpty() ? k : key + "." + k;
    }

    static String string(YamlNode n, String key) {
        if (n instanceof YamlScalar s && s.value() instanceof String str) {
            return str;
        }
        if (n instanceof YamlScalar s && s.value() instanceof YamlTimestamp) {
            throw error(n, key, "expected type 'string', got unconvertible type 'time.Time'");
        }
        throw error(n, key, "must be a string");
    }

    static boolean bool(YamlNode n, String key) {
        if (n instanceof YamlScalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw error(n, key, "must be a boolean");
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof BigInteger || v instanceof Double;
    }

    static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof BigInteger
                || v instanceof Double d && !d.isInfinite() && !d.isNaN() && d == Math.rint(d);
    }

    /** An integer (JSON schema's "integer": 3.0 counts) as a long. */
    static long integer(YamlNode n, String key) {
        if (n instanceof YamlScalar s && isInteger(s.value())) {
            Object v = s.value();
            if (v instanceof BigInteger) {
                throw error(n, key, "value out of range");
            }
            return ((Number) v).longValue();
        }
        throw error(n, key, "must be a integer");
    }

    /** An integer that must not be negative (docker decodes it into an unsigned field). */
    static long unsigned(YamlNode n, String key) {
        long v = integer(n, key);
        if (v < 0) {
            throw error(n, key, "cannot be negative: " + v);
        }
        return v;
    }

    static double number(YamlNode n, String key) {
        if (n instanceof YamlScalar s && isNumber(s.value())) {
            return ((Number) s.value()).doubleValue();
        }
        throw error(n, key, "must be a number");
    }

    /** A string or a number, as docker prints numbers ({@code fmt.Sprint}). */
    static String stringOrNumber(YamlNode n, String key) {
        if (n instanceof YamlScalar s && (s.value() instanceof String || isNumber(s.value()))) {
            return GoNumbers.sprint(s.value());
        }
        throw error(n, key, "must be a string or number");
    }

    /** A duration string ({@code 1m30s}), in nanoseconds. */
    static long duration(YamlNode n, String key) {
        String s = string(n, key);
        try {
            return GoDuration.parse(s);
        } catch (InvalidSyntax e) {
            throw error(n, key, "Does not match format 'duration': " + e.getMessage());
        }
    }

    static List<String> listOfStrings(YamlNode n, String key, boolean unique) {
        YamlList l = list(n, key);
        List<String> out = new ArrayList<>();
        int i = 0;
        for (YamlNode item : l.items()) {
            String s = string(item, key + "[" + i++ + "]");
            if (unique && out.contains(s)) {
                throw error(item, key, "contains duplicate item " + s + " (items must be unique)");
            }
            out.add(s);
        }
        return out;
    }

    /** A string or a list of strings ({@code dns}, {@code env_file}, {@code tmpfs}). */
    static List<String> stringOrList(YamlNode n, String key) {
        if (n instanceof YamlScalar s && s.value() instanceof String str) {
            return new ArrayList<>(List.of(str));
        }
        if (n instanceof YamlList) {
            return listOfStrings(n, key, true);
        }
        throw error(n, key, "must be a string or list");
    }

    /** A command: a string split as a shell would, or a list of strings. */
    static List<String> shellCommand(YamlNode n, String key) {
        if (n instanceof YamlScalar s && s.value() instanceof String str) {
            try {
                return ShellWords.split(str);
            } catch (InvalidSyntax e) {
                throw error(n, key, e.getMessage());
            }
        }
        if (n instanceof YamlList) {
            return listOfStrings(n, key, false);
        }
        throw error(n, key, "must be a string or list");
    }

    /**
     * The {@code list_or_dict} shape: a mapping of string/number/null values, or a list of
     * {@code key=value} strings. {@code allowNil}: keep {@code KEY} without a value as null (environment);
     * else it becomes "" (labels, sysctls).
     */
    static Map<String, String> listOrDict(YamlNode n, String key, String sep, boolean allowNil) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n instanceof YamlMap m) {
            for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
                YamlNode v = e.getValue().value();
                String k = join(key, e.getKey());
                if (!(v instanceof YamlScalar s) || !(s.value() == null || s.value() instanceof String || isNumber(s.value())
                        || s.value() instanceof YamlTimestamp)) {
                    throw error(v, k, "must be a string, number or null");
                }
                out.put(e.getKey(), s.value() == null ? (allowNil ? null : "") : GoNumbers.sprint(s.value()));
            }
            return out;
        }
        if (n instanceof YamlList) {
            for (String item : listOfStrings(n, key, true)) {
                int i = item.indexOf(sep);
                if (i < 0) {
                    out.put(item, allowNil ? null : "");
                } else {
                    out.put(item.substring(0, i), item.substring(i + sep.length()));
                }
            }
            return out;
        }
        throw error(n, key, "must be a mapping or list");
    }

    /** A mapping of string (or number) values: {@code driver_opts}, {@code logging.options}. */
    static Map<String, String> stringMap(YamlNode n, String key, boolean allowNull) {
        YamlMap m = map(n, key);
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            YamlNode v = e.getValue().value();
            String k = join(key, e.getKey());
            if (v instanceof YamlScalar s && s.value() == null && allowNull) {
                out.put(e.getKey(), "");
                continue;
            }
            out.put(e.getKey(), stringOrNumber(v, k));
        }
        return out;
    }

    /** x- keys of a mapping, as plain Java values, for {@code stack config}. */
    static Map<String, Object> extras(YamlMap m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode.Entry> e : m.entries().entrySet()) {
            if (e.getKey().startsWith("x-")) {
                out.put(e.getKey(), plain(e.getValue().value()));
            }
        }
        return out;
    }

    /** A YAML value as maps, lists and scalars. */
    static Object plain(YamlNode n) {
        if (n instanceof YamlMap m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, plain(v.value())));
            return out;
        }
        if (n instanceof YamlList l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        return ((YamlScalar) n).value();
    }

    static final Set<String> NONE = Set.of();
}
