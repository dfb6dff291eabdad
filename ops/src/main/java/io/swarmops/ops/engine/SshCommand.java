package io.swarmops.ops.engine;

import io.swarmops.ops.SwarmOpsException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ssh command that carries the Engine API to a daemon at {@code ssh://[user@]host[:port][/socket]},
 * as the docker CLI builds it (cli/connhelper): {@code ssh -o ConnectTimeout=.. -T [-l user] [-p port]
 * -- host docker [--host=unix:///socket] system dial-stdio}, plus {@code BatchMode=yes} (nobody is
 * there to type a password under cron) and, when given, {@code -F CONFIG}. Host keys are checked as
 * the user's ssh configuration says: nothing here turns the check off.
 *
 * <p>ssh joins the remote command into one string for the remote shell, so the socket path is kept
 * to characters no shell reads specially.
 */
public record SshCommand(String user, String host, int port, String socket) {
    /** A file of ssh options ({@code -F}): the {@code SWARMOPS_SSH_CONFIG} variable or this system property. */
    public static final String CONFIG_PROPERTY = "swarmops.ssh.config";
    public static final String CONFIG_VARIABLE = "SWARMOPS_SSH_CONFIG";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]+");
    private static final Pattern SOCKET = Pattern.compile("/[A-Za-z0-9._/-]+");

    public static SshCommand parse(URI uri) {
        String text = uri.toString();
        if (!"ssh".equals(uri.getScheme())) {
            throw SwarmOpsException.invalid("not an ssh:// address: " + text);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw SwarmOpsException.invalid("ssh address " + text + ": query parameters and fragments are not allowed");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw SwarmOpsException.invalid("ssh address " + text + ": a password in the address is not supported (use a key)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || host.startsWith("-") || !HOST.matcher(host).matches()) {
            throw SwarmOpsException.invalid("ssh address " + text + ": no valid host (ssh://[user@]host[:port])");
        }
        if (userInfo != null && !NAME.matcher(userInfo).matches()) {
            throw SwarmOpsException.invalid("ssh address " + text + ": not a user name: " + userInfo);
        }
        String path = uri.getRawPath();
        String socket = path == null || path.replace("/", "").isEmpty() ? null : path;
        if (socket != null && !SOCKET.matcher(socket).matches()) {
            throw SwarmOpsException.invalid("ssh address " + text + ": socket path must be made of letters, digits and ._/-");
        }
        return new SshCommand(userInfo, host, uri.getPort(), socket);
    }

    /** The remote command that joins ssh's stdin and stdout to the daemon's socket. */
    public List<String> dialStdio() {
        List<String> d = new ArrayList<>(List.of("docker"));
        if (socket != null) {
            d.add("--host=unix://" + socket);
        }
        d.addAll(List.of("system", "dial-stdio"));
        return d;
    }

    /**
     * The argument list, without a shell: {@code ssh} first. {@code remote} is joined by ssh for the
     * remote shell, so it must hold fixed words only, never a value from the cluster or the user.
     */
    public List<String> argv(Duration connectTimeout, Path config, List<String> remote) {
        List<String> a = new ArrayList<>(List.of("ssh"));
        if (config != null) {
            a.addAll(List.of("-F", config.toString()));
        }
        a.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds()), "-o", "BatchMode=yes", "-T"));
        if (user != null) {
            a.addAll(List.of("-l", user));
        }
        if (port > 0) {
            a.addAll(List.of("-p", String.valueOf(port)));
        }
        a.addAll(List.of("--", host));
        a.addAll(remote);
        return a;
    }

    /** What a command run over ssh did. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** A word that can go to the remote shell as it is: a path or an option made of plain characters. */
    public static boolean plainWord(String word) {
        return PLAIN.matcher(word).matches();
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/=:+-]+");

    /**
     * Runs a fixed command on the host (no local shell; every word checked to be plain, so the
     * remote shell reads it as it is), {@code stdin} fed to it, within {@code timeout}.
     */
    public Result run(List<String> remote, byte[] stdin, Duration timeout) {
        for (String w : remote) {
            if (!plainWord(w)) {
                throw SwarmOpsException.invalid("refusing to pass " + w + " to a remote shell");
            }
        }
        List<String> argv = argv(timeout, configuredFile(), remote);
        try {
            Process p = new ProcessBuilder(argv).start();
            Thread feeder = new Thread(() -> {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                } catch (java.io.IOException ignored) {
                    // the command did not read it all: its exit code says why
                }
            }, "ssh stdin");
            feeder.setDaemon(true);
            feeder.start();
            var err = readAll(p.getErrorStream(), "ssh stderr");
            var out = readAll(p.getInputStream(), "ssh stdout");
            if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new SwarmOpsException(SwarmOpsException.Kind.TIMEOUT, "ssh " + host + ": no answer within " + timeout.toSeconds() + "s");
            }
            return new Result(p.exitValue(), out.get(5, java.util.concurrent.TimeUnit.SECONDS).trim(),
                    err.get(5, java.util.concurrent.TimeUnit.SECONDS).trim());
        } catch (java.io.IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.UNREACHABLE, "cannot run ssh: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "ssh " + host + ": output not read: " + e.getMessage(), e);
        }
    }

    private static java.util.concurrent.CompletableFuture<String> readAll(java.io.InputStream in, String name) {
        var text = new java.util.concurrent.CompletableFuture<String>();
        Thread t = new Thread(() -> {
            try {
                text.complete(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                text.complete("");
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return text;
    }

    /** The config file named by the system property or the environment, or null. */
    public static Path configuredFile() {
        String p = System.getProperty(CONFIG_PROPERTY);
        if (p == null || p.isBlank()) {
            p = System.getenv(CONFIG_VARIABLE);
        }
        return p == null || p.isBlank() ? null : Path.of(p);
    }
}
