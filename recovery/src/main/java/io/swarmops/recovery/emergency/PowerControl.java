package io.swarmops.recovery.emergency;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/** Powers nodes off and on by the config's commands; without an "on" command, asks the operator. */
public class PowerControl {
    /** Asks a person to do something and waits for them; false when nobody can be asked. */
    public interface Operator {
        boolean ask(String request);
    }

    private final PowerConfig config;
    private final Operator operator;

    public PowerControl(PowerConfig config, Operator operator) {
        this.config = config;
        this.operator = operator;
    }

    public void off(SavedNode node) {
        if (config.off().isEmpty()) {
            if (!operator.ask("power off " + node.hostname() + " (" + node.addr() + ") now, then press Enter")) {
                throw new SwarmOpsException(Kind.FAILED, "no power.off command configured and no operator to ask: cannot power off "
                        + node.hostname());
            }
            return;
        }
        run(PowerConfig.fill(config.off(), node), "power off " + node.hostname());
    }

    public void on(SavedNode node) {
        if (config.on().isEmpty()) {
            if (!operator.ask("power on " + node.hostname() + " (" + node.addr() + ") now, then press Enter")) {
                throw new SwarmOpsException(Kind.FAILED, "no power.on command configured and no terminal to ask the operator: "
                        + "power on " + node.hostname() + " by hand and run the reboot again, or configure power.on");
            }
            return;
        }
        run(PowerConfig.fill(config.on(), node), "power on " + node.hostname());
    }

    private void run(List<String> args, String what) {
        CommandLine cl = new CommandLine(args.get(0));
        args.subList(1, args.size()).forEach(a -> cl.addArgument(a, false));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(output));
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(config.timeout()).get());
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(cl);
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, what + ": cannot run " + args.get(0) + ": " + e.getMessage());
        }
        if (exit != 0) {
            String out = output.toString(StandardCharsets.UTF_8).trim();
            throw new SwarmOpsException(Kind.FAILED, what + " failed (exit " + exit + ")" + (out.isEmpty() ? "" : ": "
                    + out.lines().reduce((a, b) -> b).orElse("")));
        }
    }
}
