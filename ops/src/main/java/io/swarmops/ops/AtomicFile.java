package io.swarmops.ops;

import io.swarmops.ops.SwarmOpsException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one way swarmops writes a whole file: into {@code NAME.tmp} beside it (never a name a reader
 * such as node_exporter's textfile collector picks up), created with at most the owner's bits of
 * the mode so that no other user can open it while it fills, forced to disk, given exactly its mode,
 * then renamed over the file; the temp file is removed when anything fails. A reader sees the old
 * file or the new one, never half, and a private file is never readable by anybody else, not even for
 * a moment.
 */
public final class AtomicFile {
    /** Keys, specs, journals, state: the owner only. */
    public static final String PRIVATE = "rw-------";
    /** Metrics for a collector that runs as its own user. */
    public static final String PUBLIC = "rw-r--r--";

    private AtomicFile() {
    }

    /** What fills the file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path file, String mode, byte[] data) {
        write(file, mode, out -> out.write(data));
    }

    public static void write(Path file, String mode, Body body) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = temp(file);
        try {
            Files.createDirectories(dir);
            // a temp file left by a killed run: replaced (deleting a link removes the link, never its target)
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(mode))) {
                OutputStream out = Channels.newOutputStream(ch);
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(dir);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the failure below is what the caller needs to hear
            }
            if (e instanceof SwarmOpsException s) {
                throw s;
            }
            throw new SwarmOpsException(Kind.FAILED, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Where {@link #write} fills a file before it takes the file's name. */
    public static Path temp(Path file) {
        return file.toAbsolutePath().resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * The attribute that creates a file (or directory, with {@code rwx------}) with the owner's bits of
     * the mode only: the umask can take bits away, never add any.
     */
    public static FileAttribute<Set<PosixFilePermission>> ownerOnly(String mode) {
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(mode);
        perms.retainAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        return PosixFilePermissions.asFileAttribute(perms);
    }

    /** A new file's name lives in its directory: forced too, or a crash may lose the file. */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
