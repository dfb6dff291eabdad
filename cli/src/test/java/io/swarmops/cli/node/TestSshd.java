package io.swarmops.cli.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real OpenSSH server for one test class, on a loopback port: key-only, root allowed by key,
 * its host key and the client's known_hosts written here, host keys checked strictly. The client
 * side is an ssh config file ({@link #clientConfig()}) passed as swarmops passes one ({@code -F}).
 * {@code StrictModes no} because the files sit under /tmp, which is world-writable.
 */
final class TestSshd implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process sshd;

    private TestSshd(Path dir, int port, Process sshd) {
        this.dir = dir;
        this.port = port;
        this.sshd = sshd;
    }

    static TestSshd start(Path dir) throws IOException, InterruptedException {
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("id"));
        Files.copy(dir.resolve("id.pub"), dir.resolve("authorized_keys"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("host_key.pub")));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PasswordAuthentication no", "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes", "PermitRootLogin prohibit-password", "UsePAM no", "StrictModes no", ""));
        Files.writeString(dir.resolve("ssh_config"), String.join("\n", "Host *", "  IdentityFile " + dir.resolve("id"),
                "  IdentitiesOnly yes", "  UserKnownHostsFile " + dir.resolve("known_hosts"), "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes", ""));
        Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
        Process p = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        TestSshd sshd = new TestSshd(dir, port, p);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return sshd;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    sshd.close();
                    throw new IllegalStateException("sshd did not start: " + Files.readString(dir.resolve("sshd.log")));
                }
                Thread.sleep(50);
            }
        }
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()))
                .redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    int port() {
        return port;
    }

    Path dir() {
        return dir;
    }

    /** The ssh client options for this server (identity, known_hosts, strict host key checking). */
    Path clientConfig() {
        return dir.resolve("ssh_config");
    }

    /** {@code ssh://root@127.0.0.1:PORT/socket}: a daemon's socket on the far side, as docker names it. */
    String url(String socketPath) {
        return "ssh://root@127.0.0.1:" + port + socketPath;
    }

    @Override
    public void close() {
        sshd.destroy();
        try {
            sshd.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
