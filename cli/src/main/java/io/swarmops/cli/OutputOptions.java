package io.swarmops.cli;

import io.swarmops.cli.format.GoTemplate;
import picocli.CommandLine.Option;

/**
 * How a command prints its result: docker's table, JSON for scripts (a list command prints docker's
 * one object per line with the columns' fields, {@link io.swarmops.cli.format.Table#printJson};
 * a command docker lacks prints one document), or a docker-style
 * template ({@code '{{.Hostname}}'}, {@code 'table {{.ID}}\t{{.Status}}'}) as admins' scripts use.
 */
public final class OutputOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json (list commands: one object per line with the columns' fields, as docker; "
                    + "others: one document), or a template: '{{.Field}}', "
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
