package io.swarmops.cli;

import picocli.CommandLine.Option;

/** How a command prints its result: a docker-style table, or one JSON document for scripts. */
public final class OutputOptions {
    public enum Format { table, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table or json (json: one document, Engine API field names) (default: ${DEFAULT-VALUE})")
    public Format format = Format.table;

    public boolean json() {
        return format == Format.json;
    }
}
