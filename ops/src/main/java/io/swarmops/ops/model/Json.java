package io.swarmops.ops.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reading Engine API JSON into swarmops' types: absent fields become empty, never null pointers.
 * {@link #MAPPER} and {@link #PRETTY} (from {@link JsonMappers}) are built on first use only.
 */
public final class Json implements JsonMappers {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** The parser factory of {@link #read}, made on first use. */
    private static final class Parsers {
        static final JsonFactory FACTORY = new JsonFactory();
    }

    /** A generator of JSON text (request parameters) that needs no {@code ObjectMapper}. */
    public static JsonGenerator generator(Writer out) throws IOException {
        return Parsers.FACTORY.createGenerator(out);
    }

    /**
     * The tree of one JSON document, as {@code MAPPER.readTree} gives it (the same node types, the
     * last of duplicate keys wins, {@link MissingNode} for no content) but without building an
     * {@code ObjectMapper}: the hot path of every command that reads the Engine.
     */
    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser p = Parsers.FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            return t == null ? MissingNode.getInstance() : value(p, t);
        }
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    o.replace(key, value(p, p.nextToken()));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    a.add(value(p, e));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        }
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
        return n != null && n.isObject() ? ((ObjectNode) n).deepCopy() : NODES.objectNode();
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static Map<String, String> ordered() {
        return new LinkedHashMap<>();
    }
}
