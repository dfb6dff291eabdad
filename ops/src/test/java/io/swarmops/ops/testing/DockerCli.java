package io.swarmops.ops.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The docker 28 client on PATH, the reference for swarmops' behaviour, run against one daemon
 * ({@code docker -H host ...}) for integration tests. By default stderr is merged into the output,
 * as a terminal shows both; {@link #stdoutOnly()} keeps them apart, for output compared with
 * swarmops' stdout.
 */
public final class DockerCli {
    public static final String BINARY = "/usr/local/bin/docker";

    /** One run: exit code, output, and stderr (empty when merged into the output). */
    public record Run(int code, String out, String err) {
    }

    private final String host;
    private final Map<String, String> env;
    private final boolean stderrApart;

    private DockerCli(String host, Map<String, String> env, boolean stderrApart) {
        this.host = host;
        this.env = env;
        this.stderrApart = stderrApart;
    }

    public static DockerCli against(String host) {
        return new DockerCli(host, Map.of(), false);
    }

    /** The same, with these environment variables too (DOCKER_CONFIG, a compose file's variables). */
    public DockerCli withEnv(Map<String, String> more) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(more);
        return new DockerCli(host, Map.copyOf(all), stderrApart);
    }

    /** The same, with stderr kept out of the output. */
    public DockerCli stdoutOnly() {
        return new DockerCli(host, env, true);
    }

    /** Runs {@code docker args...}; the test fails unless it exits 0. Returns the output. */
    public String ok(String... args) {
        return ok(List.of(args));
    }

    public String ok(List<String> args) {
        return okWithInput(null, args);
    }

    /** As {@link #ok(List)}, with {@code stdin} as the command's input. */
    public String okWithInput(String stdin, List<String> args) {
        Run r = run(stdin, args);
        if (r.code() != 0) {
            fail("docker " + String.join(" ", args) + " failed (exit " + r.code() + "): " + r.out() + r.err());
        }
        return r.out();
    }

    /** Runs {@code docker args...} whatever its exit; {@code stdin} may be null. */
    public Run run(String stdin, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(BINARY, "-H", host));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(!stderrApart);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            // read stderr beside stdout: a full pipe would block the command
            CompletableFuture<String> err = stderrApart
                    ? CompletableFuture.supplyAsync(() -> text(p.getErrorStream()))
                    : CompletableFuture.completedFuture("");
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = text(p.getInputStream());
            int code = p.waitFor();
            return new Run(code, out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
