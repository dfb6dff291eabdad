package io.swarmops.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the task lists ({@code node ps}, {@code service ps}, {@code stack ps}) share, as docker's do: {@code --no-trunc}, {@code --format}, {@code -q}. */
public final class TaskListOptions {
    @Option(names = "--no-trunc", description = "Do not truncate output")
    public boolean noTrunc;

    @Mixin
    public OutputOptions output;

    @Mixin
    public QuietOption quiet;
}
