package io.swarmops.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alias bombs through the real entry point in a child JVM with a 256 MB heap, as an operator runs
 * it: refused with one line and exit 2, never an OutOfMemoryError trace. Before the fix the
 * "million" file printed the trace and billion-laughs ran for seconds before its refusal.
 */
class AliasBombTest {
    /** 344 bytes, a million strings under one service's extension field. */
    static final String MILLION = """
            version: "3.8"
            services:
              web:
                image: busybox
                x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
                x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
                x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
                x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
                x-foo: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
            """;

    /** Billion laughs, 427 bytes. */
    static final String LAUGHS = """
            version: "3.8"
            x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            x-f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            x-g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            x-h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            x-i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            services:
              web:
                image: busybox
                command: *i
            """;

    @ParameterizedTest
    @ValueSource(strings = {"million", "laughs"})
    void aBombIsOneLineAndExit2InA256MbHeap(String which, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(which + ".yml");
        Files.writeString(file, which.equals("million") ? MILLION : LAUGHS);
        // the million through stack config (it printed the trace), the laughs through stack deploy
        List<String> args = which.equals("million")
                ? List.of("stack", "config", "-c", file.toString())
                : List.of("-H", "unix://" + dir.resolve("none.sock"), "stack", "deploy", "-c", file.toString(), "bomb");
        Process p = new ProcessBuilder(command(args)).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running after 60 s");
        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.endsWith("yaml: document contains excessive aliasing\n"), err);
        assertFalse(err.contains("OutOfMemoryError"), err);
        assertEquals("", Files.readString(dir.resolve("out")));
    }

    private static List<String> command(List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.swarmops.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }
}
