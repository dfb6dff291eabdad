package io.swarmops.cli;

import io.swarmops.ops.SwarmOpsException;

/** The one place destructive commands ask before acting. */
public final class Confirmation {
    private Confirmation() {
    }

    /**
     * True when the operator said yes (or passed {@code --yes}). Without a terminal and without
     * {@code --yes} it refuses, rather than hang a cron job or a script.
     */
    public static boolean confirm(CommandContext context, ConfirmOptions options, String question) {
        if (options.yes) {
            return true;
        }
        Prompter prompter = context.prompter();
        if (!prompter.interactive()) {
            throw SwarmOpsException.invalid("not confirmed: no terminal to ask \"" + question + "\"; pass --yes to proceed");
        }
        String answer = prompter.ask(question + " [y/N] ");
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
