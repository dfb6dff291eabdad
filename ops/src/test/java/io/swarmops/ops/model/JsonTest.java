package io.swarmops.ops.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link Json#read}, the mapper-free reader of the Engine's answers, gives what {@code MAPPER.readTree} gives. */
class JsonTest {
    static void same(String json) throws IOException {
        JsonNode expected = Json.MAPPER.readTree(json);
        JsonNode actual = Json.read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, actual, json);
        assertEquals(expected.getClass(), actual.getClass(), json);
        assertEquals(Json.MAPPER.writeValueAsString(expected), Json.MAPPER.writeValueAsString(actual), json);
    }

    @Test
    void everyKindOfValueIsTheNodeTypeReadTreeGives() throws IOException {
        same("{\"s\":\"x\\u00e9\\n\",\"i\":42,\"neg\":-7,\"l\":9007199254740993,\"big\":123456789012345678901234567890,"
                + "\"d\":1.5e3,\"f\":-0.25,\"t\":true,\"n\":null,\"e\":{},\"a\":[],\"nest\":[[1,[2]],{\"k\":[{}]}],\"u\":\"\\ud83d\\ude00\"}");
        same("[1,\"two\",3.0,false,null]");
        same("\"just a string\"");
        same("17");
    }

    @Test
    void theLastOfDuplicateKeysWinsAsWithTheMapper() throws IOException {
        same("{\"a\":1,\"b\":2,\"a\":{\"c\":3}}");
        assertEquals(3, Json.read("{\"a\":1,\"a\":{\"c\":3}}".getBytes(StandardCharsets.UTF_8)).path("a").path("c").asInt());
    }

    @Test
    void noContentIsTheMissingNodeAndBrokenJsonAnIOException() throws IOException {
        assertTrue(Json.read(new byte[0]).isMissingNode());
        assertTrue(Json.read("  \n".getBytes(StandardCharsets.UTF_8)).isMissingNode());
        assertThrows(IOException.class, () -> Json.read("{\"a\":[1,2".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IOException.class, () -> Json.read("page not found".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void engineFiltersAreTheJsonTheTreeWouldPrint() {
        var f = new java.util.LinkedHashMap<String, List<String>>();
        f.put("name", List.of("web", "we\"b", "web"));
        f.put("desired-state", List.of("running"));
        var tree = Json.object();
        f.forEach((k, vs) -> vs.forEach(v -> tree.with(k).put(v, true)));
        assertEquals(tree.toString(), io.swarmops.ops.engine.EngineApi.filters(f));
        assertEquals("{}", io.swarmops.ops.engine.EngineApi.filters(Map.of()));
    }

    @Test
    void theEngineAnswersOfTheBuildsTrainingRunReadAlike() throws IOException {
        // the canned Engine of cli/src/build/engine: real daemons' answers for nodes, services, tasks, info ...
        Path dir = Path.of("").toAbsolutePath().getParent().resolve("cli/src/build/engine");
        try (Stream<Path> files = Files.list(dir)) {
            var answers = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertTrue(answers.size() >= 5, "no canned answers in " + dir);
            for (Path f : answers) {
                same(Files.readString(f));
            }
        }
    }
}
