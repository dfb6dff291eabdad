package io.swarmops.cli;

import io.swarmops.cli.format.GoTemplate;
import picocli.CommandLine.Option;

/**
 * How a command prints its result: docker's table, one JSON document for scripts, or a docker-style
 * template ({@code '{{.Hostname}}'}, {@code 'table {{.ID}}\t{{.Status}}'}) as admins' scripts use.
 */
public final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json (one document, Engine API field names), or a template: '{{.Field}}', "
                    + "'table {{.Field}}\\t{{.Other}}', '{{json .}}' (default: ${DEFAULT-VALUE})")
    public String format = "table";

    public boolean json() {
        return "json".equals(format);
    }

    /** The template, or null for the plain table or JSON. */
    public GoTemplate template() {
        return json() || "table".equals(format) ? null : GoTemplate.parse(format);
    }
}
