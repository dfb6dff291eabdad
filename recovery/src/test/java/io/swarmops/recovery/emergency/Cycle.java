package io.swarmops.recovery.emergency;

import io.swarmops.ops.SwarmGateway;
import io.swarmops.recovery.journal.StepJournal;
import io.swarmops.recovery.power.PowerSwitch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Runs the procedures as the commands do (prepare, put a finished cycle aside, execute), for tests. */
final class Cycle {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    final List<String> said = Collections.synchronizedList(new ArrayList<>());
    final Path stateFile;

    Cycle(Path stateFile) {
        this.stateFile = stateFile;
    }

    StepJournal journal() {
        return EmergencyCycle.journalOf(stateFile);
    }

    Map<String, Duration> shutdown(SwarmGateway g, PowerSwitch power, String keep) {
        StepJournal j = journal();
        EmergencyCycle.Prepared p = EmergencyCycle.prepareShutdown(g, j, stateFile, keep);
        return new EmergencyExecutor(g, power, RegistryProbe.none(), p.state(), stateFile, Map.of(), TIMEOUT, said::add).run(p, j);
    }

    Map<String, Duration> reboot(SwarmGateway g, PowerSwitch power, RegistryProbe probe, List<String> registry, Map<String, byte[]> secrets) {
        StepJournal j = journal();
        EmergencyCycle.Prepared p = EmergencyCycle.prepareReboot(j, stateFile, registry, null);
        return new EmergencyExecutor(g, power, probe, p.state(), stateFile, secrets, TIMEOUT, said::add).run(p, j);
    }
}
