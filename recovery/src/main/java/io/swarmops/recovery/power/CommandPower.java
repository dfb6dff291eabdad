package io.swarmops.recovery.power;

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

/**
 * Powers machines by the config's command templates, run by Commons Exec without a shell (each
 * argument passed as it is, and the placeholders' values checked by {@link Machine}, so nothing in a
 * hostname can inject a command or an option), each under the
 * config's timeout. Without a command for a direction, the operator is asked and waited for.
 */
public final class CommandPower implements PowerSwitch {
    private final PowerConfig config;
    private final Operator operator;

    public CommandPower(PowerConfig config, Operator operator) {
        this.config = config;
        this.operator = operator;
    }

    @Override
    public void off(Machine machine) {
        power(config.off(), machine, "off");
    }

    @Override
    public void on(Machine machine) {
        power(config.on(), machine, "on");
    }

    @Override
    public String refusal(boolean on) {
        if (!(on ? config.on() : config.off()).isEmpty() || operator.present()) {
            return null;
        }
        String key = on ? "power.on" : "power.off";
        return "no " + key + " command configured and no terminal to ask the operator: configure " + key
                + " in the power config (--config) or run this at a terminal";
    }

    private void power(List<String> template, Machine machine, String direction) {
        machine.checked(); // a request to the operator prints the hostname: no escape sequences either
        if (template.isEmpty()) {
            String refusal = refusal(direction.equals("on"));
            if (refusal != null) {
                throw new SwarmOpsException(Kind.FAILED, refusal);
            }
            byHand("power " + direction + " " + machine.hostname() + " (" + machine.addr() + ") now, then press Enter");
            return;
        }
        run(PowerConfig.fill(template, machine), "power " + direction + " " + machine.hostname());
    }

    /** One request at a time: workers are powered in parallel, but a person reads one line at once. */
    private synchronized void byHand(String request) {
        operator.ask(request);
    }

    private void run(List<String> args, String what) {
        CommandLine cl = new CommandLine(args.get(0));
        args.subList(1, args.size()).forEach(a -> cl.addArgument(a, false));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(output));
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(config.timeout()).get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(cl);
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, what + ": cannot run " + args.get(0) + ": " + e.getMessage());
        }
        if (watchdog.killedProcess()) {
            throw new SwarmOpsException(Kind.TIMEOUT, what + ": " + args.get(0) + " still running after "
                    + config.timeout().toSeconds() + " s (power.timeout); stopped it");
        }
        if (exit != 0) {
            String out = output.toString(StandardCharsets.UTF_8).trim();
            throw new SwarmOpsException(Kind.FAILED, what + " failed (" + args.get(0) + " exited " + exit + ")"
                    + (out.isEmpty() ? "" : ": " + out.lines().reduce((a, b) -> b).orElse("")));
        }
    }
}
