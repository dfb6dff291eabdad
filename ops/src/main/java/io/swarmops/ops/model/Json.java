package io.swarmops.ops.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reading Engine API JSON into swarmops' types: absent fields become empty, never null pointers. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** For printing: indented, as {@code docker inspect} prints. */
    public static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    public static Map<String, String> labels(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Map.of();
        }
        Map<String, String> m = new TreeMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return Collections.unmodifiableMap(m);
    }

    public static Instant instant(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull() || n.asText().isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A deep copy, so a caller changing a spec never changes the snapshot it came from. */
    public static ObjectNode copy(JsonNode n) {
        return n != null && n.isObject() ? ((ObjectNode) n).deepCopy() : MAPPER.createObjectNode();
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static Map<String, String> ordered() {
        return new LinkedHashMap<>();
    }
}
