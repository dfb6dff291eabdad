package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.swarmops.sandbox.BusyboxImage;
import io.swarmops.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion of a live service name: {@code swarmops shell} and zsh driven through a pseudo-terminal
 * (tmux), and the bash script's {@code __complete}, against one sandbox; live network, config and
 * secret names too; the shell's history file is mode 0600.
 */
class ShellCompletionIT {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final String TMUX_SOCKET = "swarmops-shellit" + System.getenv().getOrDefault("SWARMOPS_TEST_PREFIX_SUFFIX", "");
    @RegisterExtension
    static final SandboxExtension swarm = SandboxExtension.of("shellc", 1, 1);
    static String host;
    @TempDir
    static Path home;

    @BeforeAll
    static void up() {
        host = swarm.host();
        CliRun created = CliRun.against(host, "service", "create", "-d", "--name", "webapp", BusyboxImage.NAME, "sleep", "1d");
        assertEquals(0, created.code(), created.err());
    }

    /** docker 28 on the sandbox, for what swarmops has no verb for (networks, configs, secrets). */
    static void docker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "docker " + String.join(" ", args) + " did not end");
        assertEquals(0, p.exitValue(), "docker " + String.join(" ", args) + ": " + out);
    }

    @AfterAll
    static void down() throws Exception {
        run(List.of("tmux", "-L", TMUX_SOCKET, "kill-server"));
    }

    @Test
    void theShellCompletesAServiceNameOnATerminalAndKeepsItsHistoryPrivate() throws Exception {
        String shell = "HOME=" + home + " " + ROOT.resolve("bin/swarmops") + " -H " + host + " shell";
        tmux("new-session", "-d", "-x", "160", "-y", "40", "-s", "it", shell);
        screen(s -> s.contains("swarmops>"), "the prompt");
        tmux("send-keys", "-t", "it", "service ps weba", "Tab");
        String completed = screen(s -> s.contains("swarmops> service ps webapp"), "the completed name");
        assertTrue(completed.contains("service ps webapp"), completed);
        tmux("send-keys", "-t", "it", "Enter");
        screen(s -> s.contains("webapp.1"), "the tasks of webapp");
        tmux("send-keys", "-t", "it", "exit", "Enter");
        Path history = home.resolve(".swarmops_history");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!(Files.exists(history) && Files.readString(history).contains("service ps webapp"))) {
            if (Instant.now().isAfter(deadline)) {
                fail("no history written: " + (Files.exists(history) ? Files.readString(history) : "no file"));
            }
            Thread.sleep(200);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }

    @Test
    void bashCompletesTheSameNamesThroughTheHiddenVerb() throws Exception {
        assertEquals("webapp\n", bashCompletes("service ps weba"), "-H unix:///...: the ':' must not split the words");
    }

    @Test
    void liveNetworkConfigAndSecretNamesComplete() throws Exception {
        Path data = Files.writeString(home.resolve("data.txt"), "x");
        docker("network", "create", "-d", "overlay", "frontnet");
        docker("config", "create", "appconf", data.toString());
        docker("secret", "create", "appsecret", data.toString());
        assertEquals("frontnet\n", bashCompletes("service update --network-add fro"));
        assertEquals("appconf\n", bashCompletes("service update --config-add appc"));
        assertEquals("appsecret\n", bashCompletes("service create --secret apps"));
    }

    @Test
    void zshCompletesALiveServiceNameOnATerminal() throws Exception {
        Path zdot = Files.createDirectories(home.resolve("zsh"));
        Files.writeString(zdot.resolve(".zshrc"), "PATH=" + wrapperDir() + ":$PATH\n"
                + "fpath=(" + ROOT.resolve("contrib/completion") + " $fpath)\n"
                + "autoload -Uz compinit && compinit -u -d " + zdot.resolve("zcompdump") + "\n"
                + "PS1='zsh-it%# '\n");
        tmux("new-session", "-d", "-x", "200", "-y", "40", "-s", "zsh", "ZDOTDIR=" + zdot + " zsh -i");
        screen("zsh", s -> s.contains("zsh-it"), "the zsh prompt");
        tmux("send-keys", "-t", "zsh", "swarmops -H " + host + " service ps weba", "Tab");
        String completed = screen("zsh", s -> s.contains("service ps webapp"), "the name zsh completed");
        assertTrue(completed.contains("service ps webapp"), completed);
    }

    /** What the bash script completes for {@code swarmops -H HOST LINE}, one candidate a line. */
    static String bashCompletes(String line) throws Exception {
        String script = "PATH=" + wrapperDir() + ":$PATH; source " + ROOT.resolve("contrib/completion/swarmops.bash")
                + "; COMP_LINE='swarmops -H " + host + " " + line + "'; COMP_POINT=${#COMP_LINE}; _swarmops; "
                + "printf '%s\\n' \"${COMPREPLY[@]}\"";
        return run(List.of("bash", "-c", script));
    }

    /** A directory with {@code swarmops} (bin/swarmops), for the completion scripts to call. */
    static Path wrapperDir() throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path wrapper = bin.resolve("swarmops");
        Files.writeString(wrapper, "#!/bin/sh\nexec " + ROOT.resolve("bin/swarmops") + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        return bin;
    }

    static void tmux(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", TMUX_SOCKET));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    /** The pane's text once {@code ready} holds for it (60 s at most: the machine may be loaded). */
    static String screen(Predicate<String> ready, String what) throws Exception {
        return screen("it", ready, what);
    }

    static String screen(String session, Predicate<String> ready, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String s = "";
        while (Instant.now().isBefore(deadline)) {
            s = run(List.of("tmux", "-L", TMUX_SOCKET, "capture-pane", "-p", "-t", session));
            if (ready.test(s)) {
                return s;
            }
            Thread.sleep(200);
        }
        return fail("no " + what + " on the terminal within 60 s:\n" + s);
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
