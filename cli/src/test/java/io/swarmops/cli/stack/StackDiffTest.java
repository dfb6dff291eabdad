package io.swarmops.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.compose.ComposeLoader;
import io.swarmops.compose.StackConverter;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackDiffTest {
    private static final String WITH_ALL = """
            services:
              web:
                image: redis
                labels: [team=core]
                healthcheck:
                  test: ["CMD", "true"]
                deploy:
                  resources:
                    limits: {memory: 64M}
            """;

    @TempDir
    Path dir;

    @Test
    void removalsAreShownFieldByFieldAndNothingIsWritten() throws IOException {
        Path before = dir.resolve("before.yml");
        Files.writeString(before, WITH_ALL);
        ObjectNode raw = Json.object().put("ID", "svc1");
        raw.putObject("Version").put("Index", 10);
        raw.set("Spec", new StackConverter("st").convert(ComposeLoader.load(List.of(before), Map.of()).config()).services().get("web"));
        StackDeployTest.RecordingSwarm swarm = new StackDeployTest.RecordingSwarm();
        swarm.services.add(Service.from(raw));

        Path same = dir.resolve("same.yml");
        Files.writeString(same, WITH_ALL);
        CliRun unchanged = CliRun.run(swarm, "stack", "diff", "-c", same.toString(), "st");
        assertEquals(0, unchanged.code(), unchanged.err());
        assertTrue(unchanged.out().contains("service st_web: unchanged\n"), unchanged.out());

        Path after = dir.resolve("after.yml");
        Files.writeString(after, """
                services:
                  web:
                    image: redis
                """);
        CliRun run = CliRun.run(swarm, "stack", "diff", "-c", after.toString(), "st");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("""
                service st_web: update
                  - TaskTemplate.ContainerSpec.Healthcheck.Test[0]: "CMD"
                  - TaskTemplate.ContainerSpec.Healthcheck.Test[1]: "true"
                  - TaskTemplate.ContainerSpec.Labels.team: "core"
                  - TaskTemplate.Resources.Limits.MemoryBytes: 67108864
                """), run.out());
        assertEquals(List.of(), swarm.writes, "stack diff writes nothing");
    }
}
