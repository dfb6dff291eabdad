package io.swarmops.cli.backup;

import io.swarmops.cli.ConfirmOptions;
import io.swarmops.cli.Confirmation;
import io.swarmops.cli.DryRunPrinter;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SecretDataOptions;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.cli.format.Table;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.memory.InMemorySwarm;
import io.swarmops.recovery.backup.RaftArchive;
import io.swarmops.recovery.backup.WorkloadBackup;
import io.swarmops.recovery.backup.WorkloadRestore;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore FILE}: re-create a backup's workload, printing the plan first; what exists is left as it is. */
@Command(name = "restore", mixinStandardHelpOptions = true, description = "Re-create a backup's workload on this swarm (idempotent)")
public final class Restore extends SwarmopsVerb {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Mixin
    SecretDataOptions secrets;

    @Mixin
    ConfirmOptions confirm;

    @Mixin
    RaftOptions raft;

    @Option(names = "--allow-host-access", description = "Create what grants access to the hosts (bind mounts, added capabilities, "
            + "the host network, secrets this swarm holds, node availability and labels), as the plan lists it: only for a backup you trust")
    boolean allowHostAccess;

    @Option(names = "--advertise-addr", paramLabel = "ADDR", description = "With --raft: the address to re-initialise with (default: this node's)")
    String advertiseAddr;

    @Override
    protected int execute() {
        if (raft.raft) {
            String refusal = RaftArchive.refusal(file);
            if (refusal != null) {
                // before the plan and the question, and for a dry run too: nothing to confirm in a hostile archive
                throw SwarmOpsException.invalid("raw Raft restore refused: " + refusal);
            }
            out().println("plan: stop the local daemon, put " + file + " in place of " + raft.dataRoot.resolve("swarm")
                    + " (the old state kept beside), start it, and re-initialise the swarm from it with --force-new-cluster");
            out().flush();
            if (confirm.dryRun) {
                return ExitCodes.OK;
            }
            if (!Confirmation.confirm(context(), confirm, "Replace this manager's Raft state?")) {
                context().say("not confirmed; nothing changed");
                return ExitCodes.FAILED;
            }
            raft.raftBackup(context()).restore(file, advertiseAddr);
            return ExitCodes.OK;
        }
        WorkloadBackup backup = WorkloadBackup.read(file);
        Map<String, byte[]> data = secrets.data();
        WorkloadRestore restore = new WorkloadRestore(gateway(), context().progress()::step);
        WorkloadRestore.Plan plan = restore.plan(backup, data);
        Table t = Table.of("KIND", "NAME", "ACTION");
        plan.steps().forEach(s -> t.row(s.kind(), s.name(), s.action()));
        t.print(out());
        if (!plan.hostAccess().isEmpty()) {
            out().println();
            out().println("host access this backup would grant" + (allowHostAccess ? " (allowed: --allow-host-access)" : "") + ":");
            Table grants = Table.of("KIND", "NAME", "GETS");
            plan.hostAccess().forEach(g -> grants.row(g.kind(), g.name(), g.what()));
            grants.print(out());
        }
        if (plan.nothingToDo()) {
            out().println("nothing to restore");
            return plan.missingSecrets().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        if (confirm.dryRun) {
            InMemorySwarm copy = InMemorySwarm.of(gateway());
            new WorkloadRestore(copy, line -> { }).apply(backup, data, s -> false, () -> { });
            DryRunPrinter.print(out(), "the restore, simulated on a copy of the cluster", copy, DryRunPrinter.none(), "");
            return ExitCodes.OK;
        }
        if (!plan.hostAccess().isEmpty() && !allowHostAccess) {
            throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, "restore refused: " + plan.hostAccess().size()
                    + " grant(s) of host access (listed above); nothing changed. Pass --allow-host-access if you trust " + file);
        }
        if (!Confirmation.confirm(context(), confirm, "Restore this?")) {
            context().say("not confirmed; nothing changed");
            return ExitCodes.FAILED;
        }
        int created = restore.apply(backup, data, s -> false, () -> { });
        out().println("restored: " + created + " object(s) created");
        if (!plan.missingSecrets().isEmpty()) {
            context().say("not restored, data needed: " + String.join(", ", plan.missingSecrets()));
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
