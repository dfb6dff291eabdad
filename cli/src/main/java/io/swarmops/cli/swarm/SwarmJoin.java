package io.swarmops.cli.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code swarm join}: join this daemon to a swarm as a worker or a manager (by the token). */
@Command(name = "join", description = "Join a swarm as a node and/or manager", mixinStandardHelpOptions = true)
public final class SwarmJoin extends SwarmopsVerb {
    @Parameters(paramLabel = "HOST:PORT", description = "Address of a manager of the swarm")
    String remote;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "Token for entry into the swarm")
    String token;

    @Mixin
    NodeAddressOptions node;

    @Override
    protected int execute() {
        ObjectNode r = Json.object();
        node.addresses(r);
        r.putArray("RemoteAddrs").add(remote);
        r.put("JoinToken", token);
        r.put("Availability", node.availability);
        gateway().swarmJoin(r);
        boolean manager = gateway().info().isManager();
        out().println("This node joined a swarm as a " + (manager ? "manager" : "worker") + ".");
        return 0;
    }
}
