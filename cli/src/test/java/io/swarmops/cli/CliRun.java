package io.swarmops.cli;

import io.swarmops.ops.SwarmGateway;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the CLI in a test: exit code, stdout and stderr. */
public record CliRun(int code, String out, String err) {

    public static CliRun run(SwarmGateway gateway, String... args) {
        return run(options -> gateway, args);
    }

    /** A run against a real daemon, as {@code swarmops -H host args...}. */
    public static CliRun against(String host, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-H";
        all[1] = host;
        System.arraycopy(args, 0, all, 2, args.length);
        return run(io.swarmops.ops.engine.EngineGateway::connect, all);
    }

    public static CliRun run(GatewayFactory factory, String... args) {
        return run(factory, new NoTerminal(), args);
    }

    public static CliRun run(GatewayFactory factory, Prompter prompter, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), factory, prompter, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** As under cron: nobody to ask. */
    public static final class NoTerminal implements Prompter {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String ask(String prompt) {
            throw new AssertionError("asked without a terminal: " + prompt);
        }
    }
}
