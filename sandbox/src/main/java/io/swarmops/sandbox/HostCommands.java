package io.swarmops.sandbox;

import io.swarmops.ops.SwarmOpsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/** The host programs the sandbox drives (ip, iptables, kill, umount, tar), run without a shell, with a timeout. */
final class HostCommands {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private HostCommands() {
    }

    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    static Result run(List<String> args) {
        CommandLine cl = new CommandLine(args.get(0));
        args.subList(1, args.size()).forEach(a -> cl.addArgument(a, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out, err));
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(TIMEOUT).get());
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(cl);
        } catch (IOException e) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "cannot run " + args.get(0) + ": " + e.getMessage(), e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and fails with the command's own complaint when it exits non-zero. */
    static String check(String... args) {
        Result r = run(List.of(args));
        if (!r.ok()) {
            throw new SwarmOpsException(SwarmOpsException.Kind.FAILED,
                    String.join(" ", args) + " failed (exit " + r.exit() + "): " + r.err().trim());
        }
        return r.out();
    }

    /** Runs where failing is fine (cleanup of what may not exist). */
    static void quietly(String... args) {
        run(List.of(args));
    }
}
