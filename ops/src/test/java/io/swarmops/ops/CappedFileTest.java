package io.swarmops.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CappedFileTest {
    @Test
    void readsUpToTheLimitAndRefusesOneByteMore(@TempDir Path dir) throws Exception {
        Path max = Files.write(dir.resolve("max"), new byte[500 * 1024]);
        Path over = Files.write(dir.resolve("over"), new byte[500 * 1024 + 1]);
        assertEquals(500 * 1024, CappedFile.read(max, CappedFile.SECRET).length);
        CappedFile.TooLarge e = assertThrows(CappedFile.TooLarge.class, () -> CappedFile.read(over, CappedFile.SECRET));
        assertEquals(over + " is larger than 500 KB, Swarm's limit for a secret", e.getMessage());
    }

    @Test
    void aFileWithoutEndIsRefused() {
        CappedFile.TooLarge e = assertThrows(CappedFile.TooLarge.class, () -> CappedFile.read(Path.of("/dev/zero"), CappedFile.COMPOSE_FILE));
        assertEquals("/dev/zero is larger than 16 MB, swarmops' limit for a compose file", e.getMessage());
    }
}
