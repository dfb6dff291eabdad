package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellSessionTest {
    @Test
    void runsEachLineSplitAsAShellWouldUntilExit() throws Exception {
        String input = "node ls --format json\n\nservice update --label-add 'a=b c' web\nexit\nnode ls\n";
        List<List<String>> ran = new ArrayList<>();
        int code = ShellSession.over(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())
                .loop(args -> {
                    ran.add(List.of(args));
                    return ran.size() == 1 ? 0 : 1;
                });
        assertEquals(List.of(List.of("node", "ls", "--format", "json"), List.of("service", "update", "--label-add", "a=b c", "web")), ran);
        assertEquals(1, code, "the exit code of the last command run");
    }

    @Test
    void theHistoryOfWhatWasTypedIsTheOwnersOnly(@TempDir Path home) throws Exception {
        Path fresh = home.resolve(".swarmops_history");
        Path older = home.resolve("older_history");
        Files.writeString(older, "node ls\n");
        Files.setPosixFilePermissions(older, PosixFilePermissions.fromString("rw-r--r--"));
        for (Path history : List.of(fresh, older)) {
            byte[] typed = "swarm join --token SWMTKN-1-secret 10.0.0.1:2377\nexit\n".getBytes(StandardCharsets.UTF_8);
            new ShellSession(new DumbTerminal("swarmops", Terminal.TYPE_DUMB, new ByteArrayInputStream(typed), new ByteArrayOutputStream(),
                    StandardCharsets.UTF_8), history, null).loop(args -> 0);
            assertTrue(Files.readString(history).contains("SWMTKN-1-secret"), "the history was written: " + history);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)), history.toString());
        }
    }

    @Test
    void endOfInputEndsTheSession() throws Exception {
        List<String> ran = new ArrayList<>();
        ShellSession.over(new ByteArrayInputStream("cluster status\n".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream())
                .loop(args -> {
                    ran.add(String.join(" ", args));
                    return 0;
                });
        assertEquals(List.of("cluster status"), ran);
    }
}
