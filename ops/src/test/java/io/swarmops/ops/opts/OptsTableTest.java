package io.swarmops.ops.opts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each parser of docker's syntax against its table of what docker 28 accepts and refuses ({@link OptsTable}). */
class OptsTableTest {
    /** The environment the env-file rows are read with. */
    static final Map<String, String> ENV = Map.of("SETVAR", "hi");

    @ParameterizedTest
    @OptsTable.Rows("durations")
    void durationsAsGoParsesThem(OptsTable.Row row) {
        check(row, v -> String.valueOf(GoDuration.parse(v)));
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "1, 1ns", "1500, 1.5µs", "300000000, 300ms", "1500000000, 1.5s", "90000000000, 1m30s", "123250000000, 2m3.25s",
        "3600000000000, 1h0m0s", "3605000000000, 1h0m5s", "-90000000000, -1m30s", "9223372036854775807, 2562047h47m16.854775807s"})
    void durationsPrintAsGoPrintsThem(long nanos, String printed) {
        assertEquals(printed, GoDuration.format(nanos));
    }

    @ParameterizedTest
    @OptsTable.Rows("membytes")
    void sizesAsGoUnitsParsesThem(OptsTable.Row row) {
        check(row, v -> String.valueOf(MemBytes.parse(v)));
    }

    @ParameterizedTest
    @OptsTable.Rows("nanocpus")
    void cpusAsRationalNumbers(OptsTable.Row row) {
        check(row, v -> String.valueOf(NanoCpus.parse(v)));
    }

    @ParameterizedTest
    @OptsTable.Rows("shellwords")
    void commandLinesAsShlexSplitsThem(OptsTable.Row row) {
        if (row.refused()) {
            check(row, ShellWords::split);
        } else {
            assertEquals(json(row.expected()), Json.MAPPER.valueToTree(ShellWords.split(row.input())), row.toString());
        }
    }

    @ParameterizedTest
    @OptsTable.Rows("ports")
    void shortPortsAsNatParsesThem(OptsTable.Row row) {
        check(row, OptsTableTest::expanded);
    }

    @ParameterizedTest
    @OptsTable.Rows("envfiles")
    void envFilesAsKvfileReadsThem(OptsTable.Row row, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("vars.env");
        Files.writeString(file, row.input());
        String expected = row.expected().replace("{file}", file.toString());
        if (row.refused()) {
            InvalidSyntax e = assertThrows(InvalidSyntax.class, () -> EnvFile.parse(file, ENV), row.toString());
            assertEquals(expected.substring("error: ".length()), e.getMessage(), row.toString());
        } else {
            assertEquals(json(expected), Json.MAPPER.valueToTree(EnvFile.parse(file, ENV)), row.toString());
        }
    }

    /** A port spec as its table writes it: {@code [ip=ADDR ]target/proto:published ...}. */
    static String expanded(String spec) {
        List<PortSpec.Mapping> mappings = PortSpec.parse(spec);
        String ip = mappings.get(0).hostIp();
        String ports = mappings.stream()
                .flatMap(m -> m.published().stream().map(p -> m.target() + "/" + m.protocol() + ":" + p))
                .collect(Collectors.joining(" "));
        return ip.isEmpty() ? ports : "ip=" + ip + " " + ports;
    }

    private static void check(OptsTable.Row row, Function<String, Object> parse) {
        if (row.refused()) {
            InvalidSyntax e = assertThrows(InvalidSyntax.class, () -> parse.apply(row.input()), row.toString());
            assertEquals(row.error(), e.getMessage(), row.toString());
        } else {
            assertEquals(row.expected(), parse.apply(row.input()), row.toString());
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("a table value that is no JSON: " + text, e);
        }
    }
}
