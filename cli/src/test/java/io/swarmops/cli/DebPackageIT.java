package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.swarmops.sandbox.TestSwarm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The .deb that {@code mvn package} builds, installed with dpkg into this machine (root; skipped
 * where swarmops is installed already, so a real installation is never touched): swarmops on the
 * PATH runs {@code node ls} against a sandbox with the package's own runtime and its startup
 * cache, its man pages and completion are where Debian keeps them, and removing the package
 * leaves none of its files.
 */
class DebPackageIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final List<Path> FILES = List.of(Path.of("/usr/bin/swarmops"), Path.of("/usr/lib/swarmops"),
            Path.of("/usr/share/bash-completion/completions/swarmops"), Path.of("/usr/share/zsh/vendor-completions/_swarmops"),
            Path.of("/lib/systemd/system/swarmops-rebalance.service"), Path.of("/lib/systemd/system/swarmops-rebalance.timer"),
            Path.of("/lib/systemd/system/swarmops-rebalance-watch.service"), Path.of("/usr/share/man/man1/swarmops.1.gz"),
            Path.of("/usr/share/man/man1/swarmops-node-ls.1.gz"), Path.of("/usr/share/man/man1/swarmops-service-update.1.gz"));

    record Run(int code, String out) {
    }

    static Run run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", cmd));
        return new Run(p.exitValue(), out);
    }

    static Path deb() throws IOException {
        List<Path> debs = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(TARGET, "swarmops_*.deb")) {
            s.forEach(debs::add);
        }
        assertEquals(1, debs.size(), "mvn package builds one .deb: " + debs);
        return debs.get(0);
    }

    @Test
    void installsRunsNodeLsWithItsOwnRuntimeAndRemovesCleanly() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg -i needs root");
        assumeTrue(run(Map.of(), "dpkg", "-s", "swarmops").code() != 0, "swarmops is installed on this machine: not touched");
        Path deb = deb();
        try (TestSwarm swarm = TestSwarm.start("debit", 1, 1)) {
            Run install = run(Map.of(), "dpkg", "-i", deb.toString());
            assertEquals(0, install.code(), install.out());
            FILES.forEach(f -> assertTrue(Files.exists(f), f + " not installed"));

            Run ls = run(Map.of("PATH", "/usr/bin:/bin", "JAVA_OPTS", "-Xlog:class+load=info:stderr"),
                    "swarmops", "-H", swarm.managerHost(), "node", "ls");
            assertEquals(0, ls.code(), ls.out());
            assertTrue(ls.out().lines().anyMatch(l -> l.contains("node1") && l.contains("Leader")), ls.out());
            assertTrue(ls.out().contains("source: jrt:/") || ls.out().contains("shared objects file"), "no JVM ran?");
            assertTrue(ls.out().contains("io.swarmops.cli.Main source: shared objects file"), "the package's cache was not used");
            assertTrue(run(Map.of("PATH", "/usr/bin:/bin", "JAVA_OPTS", "-XshowSettings:properties"), "swarmops", "--version")
                    .out().contains("java.home = /usr/lib/swarmops/runtime"), "not the package's own runtime");
        } finally {
            Run remove = run(Map.of(), "dpkg", "--purge", "swarmops");
            assertEquals(0, remove.code(), remove.out());
        }
        for (Path f : FILES) {
            assertFalse(Files.exists(f), f + " left after removal");
        }
    }
}
