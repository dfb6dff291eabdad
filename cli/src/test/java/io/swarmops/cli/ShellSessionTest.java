package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
