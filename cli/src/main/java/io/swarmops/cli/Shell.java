package io.swarmops.cli;

import io.swarmops.ops.ConnectionOptions;
import picocli.CommandLine.Command;

/**
 * {@code swarmops shell}: many commands in one session, against the daemon the global options
 * name; a line may name another with its own {@code -H}.
 */
@Command(name = "shell", description = "Interactive shell: run swarmops commands with completion and history, "
        + "without starting a JVM for each", mixinStandardHelpOptions = true)
public final class Shell extends SwarmopsVerb {

    @Override
    protected int execute() throws Exception {
        CommandContext context = context();
        ConnectionOptions shellOptions = context.connectionOptions();
        GatewayFactory lines = options -> context.factory().open(
                options.host() == null && options.context() == null ? shellOptions : options);
        ShellSession session = context.prompter().interactive()
                ? ShellSession.system(context::gateway)
                : ShellSession.over(System.in, System.err);
        return session.loop(args -> Main.run(context.out(), context.err(), lines, context.prompter(), args));
    }
}
