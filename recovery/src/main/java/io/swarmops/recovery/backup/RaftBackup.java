package io.swarmops.recovery.backup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.SwarmOpsException.Kind;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Json;
import io.swarmops.recovery.quorum.QuorumProbe;
import io.swarmops.recovery.quorum.QuorumStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Docker's documented raw backup of a manager's Raft state: stop the local daemon, copy
 * {@code DATA_ROOT/swarm} ({@link RaftArchive}: 0600, checked before it is unpacked), start it again. Refused when stopping this manager would cost the
 * cluster its quorum. The restore puts the copy in place and re-initialises the swarm from it with
 * --force-new-cluster, as Docker's disaster-recovery guide does.
 *
 * @param dataRoot    the daemon's data root (default /var/lib/docker)
 * @param stopDaemon  the command that stops the local daemon (default systemctl stop docker)
 * @param startDaemon the command that starts it (default systemctl start docker)
 */
public record RaftBackup(SwarmGateway gateway, Path dataRoot, List<String> stopDaemon, List<String> startDaemon, Duration timeout,
        Consumer<String> say) {

    public Path swarmDir() {
        return dataRoot.resolve("swarm");
    }

    /** Why this daemon's Raft state may not be copied now, or null. */
    public String refusal(boolean force) {
        EngineInfo info = gateway.info();
        if (!info.isManager()) {
            return "this daemon is not a manager: only managers hold the Raft state";
        }
        if (!Files.isDirectory(swarmDir().resolve("raft"))) {
            return "no Raft state at " + swarmDir() + ": run swarmops on the manager itself, or give its --data-root";
        }
        QuorumStatus q = QuorumStatus.judge(QuorumProbe.ask("local", gateway), List.of(), List.of(), 0);
        if (q.verdict() == QuorumStatus.Verdict.LOST) {
            // no quorum to lose: a copy now is what a force-new-cluster would start from
            return null;
        }
        if (q.reachable() < 0) {
            return "cannot tell whether this manager may stop: " + String.join("; ", q.notes());
        }
        if (q.reachable() - 1 < q.quorumSize() && !force) {
            return "stopping this manager would cost the quorum (" + q.reachable() + " of " + q.managers() + " managers reachable, "
                    + q.quorumSize() + " needed); promote another manager first, use a logical backup, or pass --force";
        }
        return null;
    }

    /** Stops the daemon, archives the swarm directory to {@code output} (tar.gz), starts the daemon again. */
    public void backup(Path output) {
        boolean leaderBefore = QuorumProbe.ask("local", gateway).seesLeader();
        stop();
        try {
            RaftArchive.pack(dataRoot, output);
            say.accept("archived " + swarmDir() + " to " + output);
        } finally {
            start();
        }
        if (leaderBefore) {
            Waits.until("this manager to see a leader again", timeout, say, () -> !gateway.nodes().isEmpty());
        }
    }

    /**
     * Puts an archive's Raft state in place of this daemon's (the old one kept beside), starts the
     * daemon and re-initialises the swarm from the restored state with this node's address.
     */
    public void restore(Path archive, String advertiseAddr) {
        if (!Files.isRegularFile(archive)) {
            throw SwarmOpsException.invalid("no archive " + archive);
        }
        String refusal = RaftArchive.refusal(archive);
        if (refusal != null) {
            // before the daemon stops: a hostile or broken archive changes nothing
            throw SwarmOpsException.invalid("raw Raft restore refused: " + refusal);
        }
        stop();
        try {
            if (Files.exists(swarmDir())) {
                Path aside = dataRoot.resolve("swarm.before-restore-" + System.currentTimeMillis());
                Files.move(swarmDir(), aside);
                say.accept("the previous state is kept in " + aside);
            }
            RaftArchive.unpack(archive, dataRoot);
            if (advertiseAddr != null) {
                rehome(advertiseAddr);
            }
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "cannot move " + swarmDir() + " aside: " + e.getMessage());
        } finally {
            start();
        }
        // the daemon comes up in the old swarm (pending, or in error when the saved listen address is
        // not this host's); --force-new-cluster then restarts it alone with the address given
        Waits.until("the daemon to load the restored swarm state", timeout, say, () -> gateway.info().inSwarm());
        String addr = advertiseAddr != null ? advertiseAddr : gateway.info().nodeAddr();
        ObjectNode init = Json.object().put("ListenAddr", "0.0.0.0:2377").put("AdvertiseAddr", addr).put("ForceNewCluster", true);
        init.putObject("Spec");
        gateway.swarmInit(init);
        Waits.until("a leader on the restored swarm", timeout, say, () -> !gateway.nodes().isEmpty());
        say.accept("restored: " + gateway.services(java.util.Map.of()).size() + " services in the swarm");
    }

    /**
     * The saved state names the addresses of the node it was copied from; on another host the
     * manager cannot listen there and never starts. Point it at this host's address first.
     */
    private void rehome(String advertiseAddr) throws IOException {
        Path stateFile = swarmDir().resolve("docker-state.json");
        if (!Files.isRegularFile(stateFile)) {
            return;
        }
        ObjectNode state = (ObjectNode) Json.MAPPER.readTree(stateFile.toFile());
        String addr = advertiseAddr.contains(":") ? advertiseAddr : advertiseAddr + ":2377";
        state.put("ListenAddr", "0.0.0.0:2377");
        state.put("AdvertiseAddr", addr);
        Files.writeString(stateFile, state.toString());
        say.accept("the restored state now advertises " + addr);
    }

    private void stop() {
        run(stopDaemon, "stop the daemon");
        Waits.until("the daemon to stop", timeout, say, () -> {
            try {
                gateway.info();
                return false;
            } catch (SwarmOpsException e) {
                if (e.kind() == Kind.UNREACHABLE) {
                    return true;
                }
                throw e;
            }
        });
    }

    private void start() {
        run(startDaemon, "start the daemon");
        Waits.until("the daemon to answer", timeout, say, () -> gateway.info() != null);
    }

    private void run(List<String> args, String what) {
        CommandLine cl = new CommandLine(args.get(0));
        args.subList(1, args.size()).forEach(a -> cl.addArgument(a, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out));
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(timeout).get());
        executor.setExitValues(null);
        try {
            int exit = executor.execute(cl);
            if (exit != 0) {
                throw new SwarmOpsException(Kind.FAILED, "could not " + what + " (" + String.join(" ", args) + ", exit " + exit + "): "
                        + out.toString(StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new SwarmOpsException(Kind.FAILED, "could not " + what + ": " + e.getMessage());
        }
    }
}
