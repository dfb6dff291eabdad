package io.swarmops.cli.emergency;

import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.Table;
import io.swarmops.recovery.emergency.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code emergency status}: where a shutdown or reboot stands, from its journal alone (no daemon needed). */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Where a shutdown or reboot stands, from its journal")
public final class EmergencyStatus extends SwarmopsVerb {
    @Mixin
    EmergencyOptions options;

    @Override
    protected int execute() {
        Journal journal = options.journal();
        var entries = journal.entries();
        if (entries.isEmpty()) {
            out().println("no emergency procedure recorded in " + journal.file());
            return 0;
        }
        Table t = Table.of("TIME", "PROCEDURE", "STEP", "EVENT");
        entries.forEach(e -> t.row(e.path("At").asText(), e.path("Procedure").asText(), e.path("Step").asText(), e.path("Event").asText()));
        t.print(out());
        var last = entries.get(entries.size() - 1);
        out().println("last: " + last.path("Procedure").asText() + " " + last.path("Step").asText() + " " + last.path("Event").asText());
        return 0;
    }
}
