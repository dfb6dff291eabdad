package io.swarmops.cli;

import picocli.CommandLine.Option;

/** {@code --dry-run}, declared once: for the commands that change the swarm, confirmed ({@link ConfirmOptions}) or not. */
public class DryRunOption {
    @Option(names = "--dry-run", description = "Print the plan and change nothing")
    public boolean dryRun;
}
