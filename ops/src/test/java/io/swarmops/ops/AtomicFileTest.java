package io.swarmops.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aPrivateFileIsTheOwnersOnlyFromItsCreationBeforeAnyByteIsInIt() throws Exception {
        Path file = dir.resolve("swarm.tar.gz");
        List<String> seen = new ArrayList<>();
        AtomicFile.write(file, AtomicFile.PRIVATE, out -> {
            Path tmp = dir.resolve("swarm.tar.gz.tmp");
            seen.add(mode(tmp) + " " + Files.size(tmp));
            out.write("key".getBytes(StandardCharsets.UTF_8));
        });
        assertEquals(List.of("rw------- 0"), seen, "the temp file, empty, was already 0600 (created so, not chmodded after)");
        assertEquals("rw-------", mode(file));
        assertEquals("key", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("swarm.tar.gz.tmp")));
    }

    @Test
    void aMetricsFileIsFilledAsNameTmpNeverAsAPromFileAndEndsReadableByACollector() throws Exception {
        Path file = dir.resolve("swarmops.prom");
        Files.writeString(file, "old\n");
        List<String> during = new ArrayList<>();
        AtomicFile.write(file, AtomicFile.PUBLIC, out -> {
            try (var files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString()).sorted().forEach(during::add);
            }
            during.add("content: " + Files.readString(file));
            out.write("new\n".getBytes(StandardCharsets.UTF_8));
        });
        assertEquals(List.of("swarmops.prom", "swarmops.prom.tmp", "content: old\n"), during,
                "filled under NAME.tmp while the collector still reads the old file");
        assertEquals("rw-r--r--", mode(file));
        assertEquals("new\n", Files.readString(file));
    }

    @Test
    void aFailureLeavesTheOldFileAndNoTempFile() throws Exception {
        Path file = dir.resolve("m.prom");
        Files.writeString(file, "old\n");
        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> AtomicFile.write(file, AtomicFile.PUBLIC, out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("cannot write " + file + ": disk full", e.getMessage());
        assertEquals("old\n", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("m.prom"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void aTempFileAKilledRunLeftIsReplaced() throws Exception {
        Path file = dir.resolve("m.prom");
        Files.writeString(dir.resolve("m.prom.tmp"), "stale, and 0644\n");
        AtomicFile.write(file, AtomicFile.PRIVATE, "x".getBytes(StandardCharsets.UTF_8));
        assertEquals("x", Files.readString(file));
        assertEquals("rw-------", mode(file));
    }
}
