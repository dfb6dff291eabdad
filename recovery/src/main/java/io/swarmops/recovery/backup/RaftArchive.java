package io.swarmops.recovery.backup;

import io.swarmops.ops.AtomicFile;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A raw Raft backup: {@code DATA_ROOT/swarm} as a tar.gz, the one format {@code tar -C DATA_ROOT -xzf}
 * reads too. It holds the node's TLS key, which decrypts the Raft log when autolock is off: it is
 * written 0600 from its creation ({@link AtomicFile}). Unpacked as root from a file that may come from
 * anywhere, it is checked whole before anything is written: regular files and directories under
 * {@code swarm/} only; no absolute name, no {@code ..}, no link of any kind (Docker's swarm directory
 * holds none, so a link can only be an attack), no device or fifo, no name twice. What is unpacked
 * gets this process's owner and the modes Docker gives its swarm state (directories 0700, files
 * 0600), never the archive's.
 */
public final class RaftArchive {
    static final String ROOT = "swarm";

    private RaftArchive() {
    }

    /** Archives {@code dataRoot/swarm} to {@code output}. Anything but files and directories in it is refused, as unpack would. */
    public static void pack(Path dataRoot, Path output) {
        Path swarm = dataRoot.resolve(ROOT);
        AtomicFile.write(output, AtomicFile.PRIVATE, out -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(nonClosing(out)));
                    Stream<Path> walk = Files.walk(swarm)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Path p : walk.sorted().toList()) {
                    String name = dataRoot.relativize(p).toString().replace('\\', '/');
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        tar.putArchiveEntry(new TarArchiveEntry(p, name + "/", LinkOption.NOFOLLOW_LINKS));
                        tar.closeArchiveEntry();
                    } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        tar.putArchiveEntry(new TarArchiveEntry(p, name, LinkOption.NOFOLLOW_LINKS));
                        Files.copy(p, tar);
                        tar.closeArchiveEntry();
                    } else {
                        throw new SwarmOpsException(Kind.FAILED, "cannot archive " + p + ": not a file or a directory (a restore would refuse it)");
                    }
                }
                tar.finish();
            }
        });
    }

    /**
     * Why the archive may not be unpacked (one line naming the first bad entry), or null. Reads the
     * whole archive: a refusal comes before anything changes.
     */
    public static String refusal(Path archive) {
        try (TarArchiveInputStream tar = open(archive)) {
            Set<String> seen = new HashSet<>();
            TarArchiveEntry e;
            int entries = 0;
            while ((e = tar.getNextEntry()) != null) {
                entries++;
                String why = refusal(e);
                if (why != null) {
                    return archive + ": entry " + e.getName() + ": " + why;
                }
                if (!seen.add(name(e))) {
                    return archive + ": entry " + e.getName() + ": twice in the archive";
                }
            }
            if (!seen.contains(ROOT)) {
                return archive + ": no " + ROOT + "/ directory (" + entries + " entries): not a raw Raft backup";
            }
            return null;
        } catch (IOException e) {
            return archive + ": not a readable tar.gz: " + e.getMessage();
        }
    }

    private static String refusal(TarArchiveEntry e) {
        String raw = e.getName();
        if (raw.startsWith("/")) {
            return "an absolute path";
        }
        String name = name(e);
        for (String part : name.split("/", -1)) {
            if (part.equals("..")) {
                return "a path with ..";
            }
            if (part.isEmpty() || part.equals(".")) {
                return "an empty or . path element";
            }
        }
        if (!name.equals(ROOT) && !name.startsWith(ROOT + "/")) {
            return "outside " + ROOT + "/";
        }
        if (e.isSymbolicLink() || e.isLink()) {
            return "a link (to " + e.getLinkName() + "): a swarm directory holds none";
        }
        if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            return "a device or fifo";
        }
        if (!e.isDirectory() && !e.isFile()) {
            return "not a regular file or a directory";
        }
        if (name.equals(ROOT) && !e.isDirectory()) {
            return ROOT + " is not a directory";
        }
        return null;
    }

    /** The entry's name without a leading ./ and a trailing /. */
    private static String name(TarArchiveEntry e) {
        String n = e.getName();
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n;
    }

    /**
     * Unpacks a checked archive into {@code dataRoot}, where no {@code swarm} may exist yet (the
     * previous one is moved aside first). Refused, with nothing written, when {@link #refusal} says so.
     */
    public static void unpack(Path archive, Path dataRoot) {
        String refusal = refusal(archive);
        if (refusal != null) {
            throw SwarmOpsException.invalid("raw Raft restore refused: " + refusal);
        }
        Path root = dataRoot.toAbsolutePath().normalize();
        if (Files.exists(root.resolve(ROOT), LinkOption.NOFOLLOW_LINKS)) {
            throw new SwarmOpsException(Kind.CONFLICT, root.resolve(ROOT) + " exists: move it aside before unpacking");
        }
        try (TarArchiveInputStream tar = open(archive)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = root.resolve(name(e)).normalize();
                if (!target.startsWith(root.resolve(ROOT))) {
                    throw new IllegalStateException("checked entry outside " + ROOT + ": " + e.getName());
                }
                directories(root, target.getParent());
                if (e.isDirectory()) {
                    directories(root, target);
                } else {
                    try (FileChannel ch = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS), AtomicFile.ownerOnly(AtomicFile.PRIVATE))) {
                        tar.transferTo(Channels.newOutputStream(ch));
                    }
                }
            }
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot unpack " + archive + " into " + root + ": " + e.getMessage());
        }
    }

    /** Creates {@code dir} and its missing parents below {@code root}, each 0700. */
    private static void directories(Path root, Path dir) throws IOException {
        if (dir.equals(root) || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        directories(root, dir.getParent());
        Files.createDirectory(dir, AtomicFile.ownerOnly("rwx------"));
    }

    private static TarArchiveInputStream open(Path archive) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(archive));
        try {
            return new TarArchiveInputStream(new GzipCompressorInputStream(in));
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** AtomicFile forces and closes the file itself: the archive's streams may only finish it. */
    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
