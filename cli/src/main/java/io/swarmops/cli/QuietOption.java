package io.swarmops.cli;

import picocli.CommandLine.Option;

/** {@code -q/--quiet}: only IDs, one per line, as docker prints them. */
public final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    public boolean quiet;
}
