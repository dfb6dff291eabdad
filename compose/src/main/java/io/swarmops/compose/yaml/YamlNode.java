package io.swarmops.compose.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value as docker's parser (go-yaml v3 decoding into {@code interface{}}) sees it, with the
 * place it came from. Scalars hold String, Long, BigInteger (beyond int64), Double, Boolean,
 * {@link YamlTimestamp} or null.
 */
public sealed interface YamlNode {
    Mark mark();

    /** A mapping with string keys, in file order (merge keys already applied). */
    record YamlMap(Map<String, Entry> entries, Mark mark) implements YamlNode {
        public YamlMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        /** Where the key itself is written, for errors about the key. */
        public Mark keyMark(String key) {
            Entry e = entries.get(key);
            return e == null ? mark : e.keyMark();
        }
    }

    /** One key of a mapping: where the key is written, and its value. */
    record Entry(Mark keyMark, YamlNode value) {
    }

    record YamlList(List<YamlNode> items, Mark mark) implements YamlNode {
        public YamlList {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }
    }

    /** A scalar: {@code value} is null for YAML null. */
    record YamlScalar(Object value, Mark mark) implements YamlNode {
        public boolean isNull() {
            return value == null;
        }

        public boolean isString() {
            return value instanceof String;
        }
    }
}
