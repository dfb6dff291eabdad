package io.swarmops.cli;

import picocli.CommandLine.Option;

/** What every destructive command shares: a plan first, then a confirmation unless --yes. */
public final class ConfirmOptions {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
    public boolean yes;

    @Option(names = "--dry-run", description = "Print the plan and change nothing")
    public boolean dryRun;
}
