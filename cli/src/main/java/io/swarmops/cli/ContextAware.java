package io.swarmops.cli;

/** A command or mixin that wants the run's {@link CommandContext}. */
public interface ContextAware {
    void setContext(CommandContext context);
}
