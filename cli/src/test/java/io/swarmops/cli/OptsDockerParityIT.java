package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.opts.GoDuration;
import io.swarmops.ops.opts.OptsTable;
import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rows of the ops/opts tables marked {@code docker}, given to the docker 28 CLI on a sandbox
 * ({@code service create} with the flag that reads that syntax, then the spec the daemon stores):
 * docker must accept what the table accepts, store the value the table says, and refuse what it
 * refuses with the table's message. With OptsTableTest (swarmops' parsers against the same rows)
 * the parsers cannot drift from docker unseen.
 */
class OptsDockerParityIT {
    private static final String DOCKER = "/usr/local/bin/docker";
    private static final String NAME = "optsrow";
    @RegisterExtension
    static final SandboxExtension sandbox = SandboxExtension.of("opts", 1, 1);
    static String host;
    @TempDir
    static Path dir;

    @BeforeAll
    static void up() {
        host = sandbox.host();
    }

    @AfterEach
    void removeService() {
        run(List.of("service", "rm", NAME));
    }

    /** A table, the flag of {@code service create} that reads its syntax, and the template that shows the stored value. */
    record Syntax(String table, String flag, String template) {
        @Override
        public String toString() {
            return table;
        }
    }

    static final List<Syntax> SYNTAXES = List.of(
            new Syntax("durations", "--update-delay", "{{json .Spec.UpdateConfig.Delay}} {{.Spec.UpdateConfig.Delay}}"),
            new Syntax("membytes", "--limit-memory", "{{json .Spec.TaskTemplate.Resources.Limits.MemoryBytes}}"),
            new Syntax("nanocpus", "--limit-cpu", "{{json .Spec.TaskTemplate.Resources.Limits.NanoCPUs}}"),
            new Syntax("shellwords", "--entrypoint", "{{json .Spec.TaskTemplate.ContainerSpec.Command}}"),
            new Syntax("ports", "--publish", "{{json .Spec.EndpointSpec.Ports}}"),
            new Syntax("envfiles", "--env-file", "{{json .Spec.TaskTemplate.ContainerSpec.Env}}"));

    static Stream<Arguments> rows() {
        return SYNTAXES.stream().flatMap(s -> OptsTable.dockerRows(s.table()).stream().map(r -> Arguments.of(s, r)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rows")
    void dockerReadsTheRowAsTheTableSays(Syntax syntax, OptsTable.Row row) throws IOException {
        String value = row.input();
        String expected = row.expected();
        if (syntax.table().equals("envfiles")) {
            Path file = dir.resolve("row.env");
            Files.writeString(file, row.input());
            value = file.toString();
            expected = expected.replace("{file}", value);
        }
        String[] created = createWithRetry(List.of("service", "create", "-d", "--no-resolve-image", "--name", NAME,
                syntax.flag(), value, BusyboxImage.NAME, "sleep", "3600"));
        if (row.refused()) {
            assertNotEquals("0", created[0], "docker accepted " + row + ": " + created[1]);
            String first = created[1].lines().findFirst().orElse("");
            String message = expected.substring("error: ".length());
            assertTrue(first.endsWith(message), "docker refused " + row + " otherwise: " + first);
            return;
        }
        assertEquals("0", created[0], "docker refused " + row + ": " + created[1]);
        String stored = run(List.of("service", "inspect", "-f", syntax.template(), NAME))[1].strip();
        switch (syntax.table()) {
            case "durations" -> assertEquals(expected + " " + GoDuration.format(Long.parseLong(expected)), stored, row.toString());
            case "shellwords", "envfiles" -> assertEquals(Json.MAPPER.readTree(expected), Json.MAPPER.readTree(stored), row.toString());
            case "ports" -> assertEquals(sorted(expected), sorted(ports(Json.MAPPER.readTree(stored))), row.toString());
            default -> assertEquals(expected, stored, row.toString());
        }
    }

    /** The stored ports as a table writes them: {@code target/proto:published}. */
    private static String ports(JsonNode ports) {
        List<String> out = new ArrayList<>();
        ports.forEach(p -> out.add(p.path("TargetPort").asLong() + "/" + p.path("Protocol").asText() + ":" + p.path("PublishedPort").asLong(0)));
        return String.join(" ", out);
    }

    /** docker publishes a range in Go's map order: compare as a set. */
    private static List<String> sorted(String ports) {
        return Stream.of(ports.split(" ")).sorted().toList();
    }

    /** A published port of the service just removed is freed a moment later: try again while it is in use. */
    private static String[] createWithRetry(List<String> args) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            String[] r = run(args);
            if (!r[1].contains("already in use") || System.nanoTime() > deadline) {
                return r;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    /** Exit code and stdout+stderr of the docker CLI, with SETVAR=hi and BARE_UNSET_XYZ unset for the env-file rows. */
    private static String[] run(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(DOCKER, "-H", host));
        cmd.addAll(args);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("SETVAR", "hi");
            pb.environment().remove("BARE_UNSET_XYZ");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {String.valueOf(p.waitFor()), out};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
