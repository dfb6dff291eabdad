package io.swarmops.cli;

import picocli.CommandLine.Option;

/** What every destructive command shares: a plan first ({@code --dry-run} stops there), then a confirmation unless --yes. */
public final class ConfirmOptions extends DryRunOption {
    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
    public boolean yes;
}
