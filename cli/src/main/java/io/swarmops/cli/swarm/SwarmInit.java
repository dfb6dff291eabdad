package io.swarmops.cli.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.SwarmInfo;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code swarm init}, including {@code --force-new-cluster} for a lost quorum. */
@Command(name = "init", description = "Initialize a swarm", mixinStandardHelpOptions = true)
public final class SwarmInit extends SwarmopsVerb {
    @Mixin
    NodeAddressOptions node;

    @Option(names = "--force-new-cluster", description = "Force create a new cluster from current state")
    boolean forceNewCluster;

    @Option(names = "--default-addr-pool", paramLabel = "CIDR", description = "Default address pool in CIDR format")
    List<String> defaultAddrPool = List.of();

    @Option(names = "--default-addr-pool-mask-length", paramLabel = "N", description = "Default address pool subnet mask length")
    Integer maskLength;

    @Option(names = "--autolock", description = "Enable manager autolocking (requiring an unlock key to start a stopped manager)")
    boolean autolock;

    @Override
    protected int execute() {
        String nodeId = gateway().swarmInit(request());
        out().println("Swarm initialized: current node (" + nodeId + ") is now a manager.");
        out().println();
        SwarmInfo swarm = gateway().swarm();
        String addr = gateway().info().raw().path("Swarm").path("RemoteManagers").path(0).path("Addr").asText("");
        out().println("To add a worker to this swarm, run the following command:");
        out().println();
        out().println("    docker swarm join --token " + swarm.workerToken() + " " + addr);
        out().println();
        out().println("To add a manager to this swarm, run 'swarmops swarm join-token manager' and follow the instructions.");
        if (autolock) {
            out().println();
            out().println("To unlock a swarm manager after it restarts, run the `docker swarm unlock`");
            out().println("command and provide the following key:");
            out().println();
            out().println("    " + gateway().unlockKey());
        }
        return 0;
    }

    ObjectNode request() {
        ObjectNode r = Json.object();
        node.addresses(r);
        r.put("ForceNewCluster", forceNewCluster);
        if (!defaultAddrPool.isEmpty()) {
            defaultAddrPool.forEach(r.putArray("DefaultAddrPool")::add);
        }
        if (maskLength != null) {
            r.put("SubnetSize", maskLength);
        }
        r.put("Availability", node.availability);
        ObjectNode spec = r.putObject("Spec");
        if (autolock) {
            spec.putObject("EncryptionConfig").put("AutoLockManagers", true);
        }
        return r;
    }
}
