package io.swarmops.cli;

import io.swarmops.ops.SwarmGateway;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * The base of every verb: {@link #call()} runs {@link #execute()} with the run's context at hand.
 * A verb parses (picocli fields), does (through the gateway) and prints (through a formatter).
 */
public abstract class SwarmopsVerb implements Callable<Integer>, ContextAware {
    private CommandContext context;

    @Override
    public void setContext(CommandContext context) {
        this.context = context;
    }

    protected CommandContext context() {
        return context;
    }

    protected SwarmGateway gateway() {
        return context.gateway();
    }

    protected PrintWriter out() {
        return context.out();
    }

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /** Does the verb's work; returns an exit code from {@link ExitCodes}. */
    protected abstract int execute() throws Exception;
}
