package io.swarmops.cli.emergency;

import io.swarmops.recovery.emergency.EmergencyCycle;
import io.swarmops.recovery.emergency.EmergencyState;
import io.swarmops.recovery.journal.StepJournal;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a shutdown-and-reboot cycle keeps its state, and its journal beside it. */
public final class StateFileOption {
    @Option(names = "--state", paramLabel = "FILE", description = "The state file (default: ${DEFAULT-VALUE}); its journal is FILE.journal")
    Path state = EmergencyState.DEFAULT;

    StepJournal journal() {
        return EmergencyCycle.journalOf(state);
    }
}
