package io.swarmops.recovery.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw Raft archive: written 0600, and unpacked as root only when every entry is a file or directory under swarm/. */
class RaftArchiveTest {
    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /** Every path under the temp directory, to show that a refused archive wrote nothing anywhere. */
    private List<String> everything() throws IOException {
        try (Stream<Path> walk = Files.walk(tmp)) {
            return walk.map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }

    private Path swarmDir() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("swarm/raft/wal-v3-encrypted"));
        Files.createDirectories(data.resolve("swarm/certificates"));
        Files.writeString(data.resolve("swarm/certificates/swarm-node.key"), "-----BEGIN PRIVATE KEY-----\n");
        Files.writeString(data.resolve("swarm/docker-state.json"), "{\"LocalAddr\":\"\"}");
        Files.writeString(data.resolve("swarm/raft/wal-v3-encrypted/0000000000000000-0000000000000000.wal"), "wal");
        return data;
    }

    @Test
    void theArchiveIsTheOwnersOnlyAndTarReadsIt() throws Exception {
        Path data = swarmDir();
        Path out = tmp.resolve("backup/raft.tar.gz");
        RaftArchive.pack(data, out);
        assertEquals("rw-------", mode(out), "it holds swarm-node.key");
        assertFalse(Files.exists(tmp.resolve("backup/raft.tar.gz.tmp")));
        Process tar = new ProcessBuilder("tar", "-tzf", out.toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), listing);
        assertTrue(listing.contains("swarm/certificates/swarm-node.key\n") && listing.contains("swarm/docker-state.json\n"), listing);
    }

    @Test
    void unpackedWithThisProcesssOwnerAndDockersModesNeverTheArchives() throws Exception {
        Path archive = archive(tar -> {
            dir(tar, "swarm/", 0777, 4321);
            file(tar, "swarm/docker-state.json", 04755, 4321, "{}");
            file(tar, "swarm/raft/snap-v3-encrypted/x.snap", 0666, 0, "snap");
        });
        assertNull(RaftArchive.refusal(archive));
        Path data = Files.createDirectories(tmp.resolve("data"));
        RaftArchive.unpack(archive, data);
        assertEquals("{}", Files.readString(data.resolve("swarm/docker-state.json")));
        assertEquals("rw-------", mode(data.resolve("swarm/docker-state.json")), "no setuid, no 0755 from the archive");
        assertEquals("rw-------", mode(data.resolve("swarm/raft/snap-v3-encrypted/x.snap")));
        assertEquals("rwx------", mode(data.resolve("swarm")));
        assertEquals("rwx------", mode(data.resolve("swarm/raft")), "a parent the archive does not list");
        assertEquals(Files.getOwner(tmp), Files.getOwner(data.resolve("swarm/docker-state.json")), "not uid 4321");
    }

    @Test
    void aPackedSwarmDirectoryUnpacksAsItWas() throws Exception {
        Path data = swarmDir();
        Path out = tmp.resolve("raft.tar.gz");
        RaftArchive.pack(data, out);
        Path other = Files.createDirectories(tmp.resolve("other"));
        RaftArchive.unpack(out, other);
        assertEquals("-----BEGIN PRIVATE KEY-----\n", Files.readString(other.resolve("swarm/certificates/swarm-node.key")));
        assertEquals("wal", Files.readString(other.resolve("swarm/raft/wal-v3-encrypted/0000000000000000-0000000000000000.wal")));
    }

    @Test
    void hostileArchivesAreRefusedWithOneLineAndNothingWrittenAnywhere() throws Exception {
        String outside = "/tmp/swarmops-raft-test-" + UUID.randomUUID();
        List<Object[]> cases = List.of(
                new Object[] {"dotdot", "entry swarm/../../etc/x: a path with ..", (Entries) t -> {
                    dir(t, "swarm/", 0700, 0);
                    file(t, "swarm/../../etc/x", 0600, 0, "pwned");
                }},
                new Object[] {"absolute", "entry " + outside + ": an absolute path", (Entries) t -> {
                    dir(t, "swarm/", 0700, 0);
                    file(t, outside, 0600, 0, "pwned");
                }},
                new Object[] {"outside", "entry etc/x: outside swarm/", (Entries) t -> {
                    dir(t, "swarm/", 0700, 0);
                    file(t, "etc/x", 0600, 0, "pwned");
                }},
                new Object[] {"symlink", "entry swarm/root: a link (to /): a swarm directory holds none", (Entries) t -> {
                    dir(t, "swarm/", 0700, 0);
                    link(t, "swarm/root", "/", TarConstants.LF_SYMLINK);
                    file(t, "swarm/root/etc/x", 0600, 0, "pwned");
                }},
                new Object[] {"hardlink", "entry swarm/passwd: a link (to ../etc/passwd): a swarm directory holds none", (Entries) t -> {
                    dir(t, "swarm/", 0700, 0);
                    link(t, "swarm/passwd", "../etc/passwd", TarConstants.LF_LINK);
                }},
                new Object[] {"device", "entry swarm/sda: a device or fifo", (Entries) t -> {
                    dir(t, "swarm/", 0700, 0);
                    TarArchiveEntry e = new TarArchiveEntry("swarm/sda", TarConstants.LF_BLK);
                    e.setDevMajor(8);
                    tar(t, e, null);
                }},
                new Object[] {"fifo", "entry swarm/pipe: a device or fifo", (Entries) t -> {
                    dir(t, "swarm/", 0700, 0);
                    tar(t, new TarArchiveEntry("swarm/pipe", TarConstants.LF_FIFO), null);
                }},
                new Object[] {"empty", "no swarm/ directory (0 entries): not a raw Raft backup", (Entries) t -> { }});
        for (Object[] c : cases) {
            Path archive = archive((Entries) c[2]);
            Path data = Files.createDirectories(tmp.resolve("data/" + c[0] + "/docker"));
            List<String> before = everything();
            assertEquals(archive + ": " + c[1], RaftArchive.refusal(archive), (String) c[0]);
            SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> RaftArchive.unpack(archive, data), (String) c[0]);
            assertEquals(SwarmOpsException.Kind.INVALID, e.kind());
            assertEquals("raw Raft restore refused: " + archive + ": " + c[1], e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            assertEquals(before, everything(), c[0] + ": nothing written");
            assertFalse(Files.exists(Path.of(outside)), (String) c[0]);
        }
    }

    // ---- hostile archives, made here -------------------------------------------------------------

    interface Entries {
        void add(TarArchiveOutputStream tar) throws IOException;
    }

    private int archives;

    private Path archive(Entries entries) throws IOException {
        Path file = tmp.resolve("in/" + (archives++) + ".tar.gz");
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.add(tar);
        }
        return file;
    }

    private static void tar(TarArchiveOutputStream tar, TarArchiveEntry e, byte[] data) throws IOException {
        if (data != null) {
            e.setSize(data.length);
        }
        tar.putArchiveEntry(e);
        if (data != null) {
            tar.write(data);
        }
        tar.closeArchiveEntry();
    }

    private static void dir(TarArchiveOutputStream tar, String name, int mode, int uid) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(040000 | mode);
        e.setUserId(uid);
        tar(tar, e, null);
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, int uid, String content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, true);
        e.setMode(0100000 | mode);
        e.setUserId(uid);
        tar(tar, e, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setLinkName(target);
        tar(tar, e, null);
    }
}
