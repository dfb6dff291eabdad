package io.swarmops.ops.engine;

import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The docker CLI's ssh connection helper for an HTTP client that dials sockets: a unix socket in
 * a private directory (0700) whose every connection is one {@code ssh ... docker system dial-stdio}
 * process, bytes copied both ways. docker-java's transport then speaks HTTP (and hijacked exec
 * streams) to the socket as to any daemon. What ssh says on stderr when it fails (host key, auth)
 * is kept for the error the caller sees.
 */
final class SshBridge implements AutoCloseable {
    private final List<String> argv;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private volatile String lastError;
    private volatile boolean closed;

    private SshBridge(List<String> argv, Path dir, ServerSocketChannel server) {
        this.argv = argv;
        this.dir = dir;
        this.socket = dir.resolve("d.sock");
        this.server = server;
    }

    static SshBridge start(SshCommand target, Duration connectTimeout) {
        List<String> argv = target.argv(connectTimeout, SshCommand.configuredFile(), target.dialStdio());
        try {
            Path dir = Files.createTempDirectory("swarmops-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            // removed at exit even when a command ends before closing its gateway (a timeout, ^C): socket first, then dir
            dir.toFile().deleteOnExit();
            dir.resolve("d.sock").toFile().deleteOnExit();
            server.bind(UnixDomainSocketAddress.of(dir.resolve("d.sock")));
            SshBridge bridge = new SshBridge(argv, dir, server);
            Thread t = new Thread(bridge::acceptLoop, "ssh-bridge " + target.host());
            t.setDaemon(true);
            t.start();
            return bridge;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the ssh connection helper", e);
        }
    }

    /** The unix:// address the HTTP client dials. */
    URI uri() {
        return URI.create("unix://" + socket);
    }

    /** ssh's last complaint (its stderr when a connection failed), or null. */
    String lastError() {
        return lastError;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                connect(client);
            } catch (IOException e) {
                lastError = "cannot run ssh: " + e.getMessage();
                closeQuietly(client);
            }
        }
    }

    private void connect(SocketChannel client) throws IOException {
        Process p = new ProcessBuilder(argv).start();
        processes.add(p);
        daemon("ssh-in", () -> {
            fromChannel(client, p.getOutputStream());
            closeQuietly(p.getOutputStream()); // dial-stdio half-closes the daemon side in turn
        });
        daemon("ssh-out", () -> {
            toChannel(p.getInputStream(), client);
            try {
                client.shutdownOutput();
            } catch (IOException ignored) {
                // the client went away first
            }
        });
        daemon("ssh-err", () -> {
            String err;
            try {
                err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                err = "";
            }
            try {
                int code = p.waitFor();
                if (code != 0 && !err.isEmpty() && !closed) {
                    lastError = err.lines().reduce((a, b) -> b).orElse(err);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            processes.remove(p);
            closeQuietly(client);
        });
    }

    // The channel's own read and write, not Channels.newInputStream/newOutputStream: those two hold
    // the channel's blocking lock while they wait, so a read waiting for the client would block
    // every write of the daemon's answer.
    private static void fromChannel(SocketChannel in, OutputStream out) {
        ByteBuffer buf = ByteBuffer.allocate(16384);
        try {
            while (in.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                out.flush();
                buf.clear();
            }
        } catch (IOException ignored) {
            // one side closed: the other follows
        }
    }

    private static void toChannel(InputStream in, SocketChannel out) {
        byte[] bytes = new byte[16384];
        try {
            int n;
            while ((n = in.read(bytes)) >= 0) {
                ByteBuffer buf = ByteBuffer.wrap(bytes, 0, n);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            }
        } catch (IOException ignored) {
            // one side closed: the other follows
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        processes.forEach(Process::destroy);
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
