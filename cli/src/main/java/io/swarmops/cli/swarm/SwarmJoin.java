package io.swarmops.cli.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm join}: join this daemon to a swarm as a worker or a manager (by the token). */
@Command(name = "join", description = "Join a swarm as a node and/or manager", mixinStandardHelpOptions = true)
public final class SwarmJoin extends SwarmopsVerb {
    @Parameters(paramLabel = "HOST:PORT", description = "Address of a manager of the swarm")
    String remote;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "Token for entry into the swarm")
    String token;

    @Option(names = "--advertise-addr", paramLabel = "ADDR", description = "Advertised address (format: <ip|interface>[:port])")
    String advertiseAddr;

    @Option(names = "--listen-addr", paramLabel = "ADDR", defaultValue = "0.0.0.0:2377", description = "Listen address (default: ${DEFAULT-VALUE})")
    String listenAddr;

    @Option(names = "--data-path-addr", paramLabel = "ADDR", description = "Address or interface to use for data path traffic")
    String dataPathAddr;

    @Option(names = "--availability", paramLabel = "STATE", defaultValue = "active", description = "Availability of the node (active, pause, drain)")
    String availability;

    @Override
    protected int execute() {
        ObjectNode r = Json.object();
        r.put("ListenAddr", listenAddr);
        if (advertiseAddr != null) {
            r.put("AdvertiseAddr", advertiseAddr);
        }
        if (dataPathAddr != null) {
            r.put("DataPathAddr", dataPathAddr);
        }
        r.putArray("RemoteAddrs").add(remote);
        r.put("JoinToken", token);
        r.put("Availability", availability);
        gateway().swarmJoin(r);
        boolean manager = gateway().info().isManager();
        out().println("This node joined a swarm as a " + (manager ? "manager" : "worker") + ".");
        return 0;
    }
}
