package io.swarmops.ops.opts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the env-file table cannot hold: files that are not there, too large, or not UTF-8. */
class EnvFileTest {
    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.env");
        assertEquals("open " + missing + ": no such file or directory",
                assertThrows(InvalidSyntax.class, () -> EnvFile.parse(missing, Map.of())).getMessage());
    }

    @Test
    void aFileLargerThanTheLimitIsRefused() {
        assertEquals("/dev/zero is larger than 1 MB, swarmops' limit for an env file",
                assertThrows(InvalidSyntax.class, () -> EnvFile.parse(Path.of("/dev/zero"), Map.of())).getMessage());
    }

    @Test
    void invalidUtf8IsRefusedWithTheLineAndItsBytes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.env");
        Files.write(file, new byte[] {'O', 'K', '=', '1', '\n', 'A', '=', (byte) 0xff, '\r', '\n'});
        assertEquals("invalid env file (" + file + "): invalid utf8 bytes at line 2: [65 61 255]",
                assertThrows(InvalidSyntax.class, () -> EnvFile.parse(file, Map.of())).getMessage());
    }

    @Test
    void aValueMayBeEmptyOrHoldEqualsSigns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ok.env");
        Files.writeString(file, "EMPTY=\nURL=a=b\nHOME\n");
        assertEquals(List.of("EMPTY=", "URL=a=b", "HOME=/root"), EnvFile.parse(file, Map.of("HOME", "/root")));
    }

    @Test
    void asAMapALaterLineForAKeyWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("twice.env");
        Files.writeString(file, "A=1\nB=2\nA=3=4\n");
        assertEquals(List.of("A", "B"), List.copyOf(EnvFile.variables(file, Map.of()).keySet()));
        assertEquals(Map.of("A", "3=4", "B", "2"), EnvFile.variables(file, Map.of()));
    }
}
