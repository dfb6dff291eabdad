package io.swarmops.cli.backup;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.recovery.backup.RaftBackup;
import io.swarmops.recovery.backup.WorkloadBackup;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code backup}: the swarm's workload, to one JSON file (secret data excepted: the Engine never returns it). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Save services, networks, configs, secret names, node labels and roles to one file")
public final class Backup extends SwarmopsVerb {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the backup (default: stdout; required with --raft)")
    Path output;

    @Mixin
    RaftOptions raft;

    @Mixin
    ConfirmOptions confirm;

    @Override
    protected int execute() {
        if (raft.raft) {
            return raftBackup();
        }
        WorkloadBackup b = WorkloadBackup.capture(gateway());
        if (output == null) {
            out().println(b.json());
        } else {
            b.write(output);
        }
        context().say("saved " + b.services().size() + " services, " + b.networks().size() + " networks, " + b.configs().size()
                + " configs, " + b.secrets().size() + " secrets (names only), " + b.nodes().size() + " nodes to "
                + (output == null ? "stdout" : output));
        if (!b.secrets().isEmpty()) {
            context().say("note: secret data cannot be read back from a swarm; keep the secrets' files: restore takes --secret NAME=FILE");
        }
        return 0;
    }

    private int raftBackup() {
        if (output == null) {
            throw SwarmOpsException.invalid("backup --raft needs -o FILE.tar.gz");
        }
        RaftBackup r = raft.raftBackup(context());
        String refusal = r.refusal(raft.force);
        if (refusal != null) {
            throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, "raw Raft backup refused: " + refusal);
        }
        out().println("plan: stop the local daemon (" + raft.stop + "), archive " + r.swarmDir() + " to " + output
                + ", start it (" + raft.start + ") and wait until it sees a leader");
        out().flush();
        if (confirm.dryRun) {
            return ExitCodes.OK;
        }
        if (!Confirmation.confirm(context(), confirm, "Stop this manager's daemon for the copy?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        r.backup(output);
        out().println("saved the Raft state to " + output);
        return ExitCodes.OK;
    }
}
