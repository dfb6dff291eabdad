package io.swarmops.sandbox;

import io.swarmops.ops.SwarmOpsException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * The one image the sandbox has (no registry is reachable): a busybox-static root filesystem,
 * imported as {@code swarmops/busybox:latest} on every node. It has sh, sleep, httpd, nc, wget and
 * the rest of busybox's applets.
 */
public final class BusyboxImage {
    public static final String REPO = "swarmops/busybox";
    public static final String TAG = "latest";
    public static final String NAME = REPO + ":" + TAG;
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private BusyboxImage() {
    }

    /** The rootfs as a tar, built once per sandbox start. */
    static byte[] rootfsTar() {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, BUSYBOX + " is missing: install busybox-static");
        }
        Path root = null;
        try {
            root = Files.createTempDirectory("swarmops-rootfs");
            Path bin = Files.createDirectories(root.resolve("bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String d : List.of("tmp", "etc", "proc", "sys", "dev", "var/www", "root", "data")) {
                Files.createDirectories(root.resolve(d));
            }
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
            Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
            String applets = HostCommands.check(BUSYBOX.toString(), "--list");
            for (String applet : applets.split("\n")) {
                String a = applet.trim();
                if (!a.isEmpty() && !a.equals("busybox") && !a.contains("/")) {
                    Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
                }
            }
            Files.createSymbolicLink(root.resolve("usr"), Path.of("."));
            Files.createSymbolicLink(root.resolve("sbin"), Path.of("bin"));
            return tar(root);
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot build the busybox rootfs: " + e.getMessage(), e);
        } finally {
            if (root != null) {
                deleteTree(root);
            }
        }
    }

    private static byte[] tar(Path root) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandLine cl = new CommandLine("tar").addArgument("-C").addArgument(root.toString(), false)
                .addArgument("--numeric-owner").addArgument("-cf").addArgument("-").addArgument(".");
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out, System.err));
        executor.execute(cl);
        return out.toByteArray();
    }

    static ByteArrayInputStream stream(byte[] tar) {
        return new ByteArrayInputStream(tar);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
