package io.swarmops.cli.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Json;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.function.Function;

/** One JSON document per command, indented, with the Engine API's own field names. */
public final class JsonOutput {
    private JsonOutput() {
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(Json.PRETTY.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A list of Engine objects as one JSON array. */
    public static <T> void printAll(PrintWriter out, Collection<T> items, Function<T, JsonNode> raw) {
        var array = Json.MAPPER.createArrayNode();
        items.forEach(i -> array.add(raw.apply(i)));
        print(out, array);
    }
}
