package io.swarmops.cli.swarm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** The addresses and availability that {@code swarm init} and {@code swarm join} give the node, as docker's flags. */
public final class NodeAddressOptions {
    @Option(names = "--advertise-addr", paramLabel = "ADDR", description = "Advertised address (format: <ip|interface>[:port])")
    String advertiseAddr;

    @Option(names = "--listen-addr", paramLabel = "ADDR", defaultValue = "0.0.0.0:2377", description = "Listen address (default: ${DEFAULT-VALUE})")
    String listenAddr;

    @Option(names = "--data-path-addr", paramLabel = "ADDR", description = "Address or interface to use for data path traffic")
    String dataPathAddr;

    @Option(names = "--availability", paramLabel = "STATE", defaultValue = "active", description = "Availability of the node (active, pause, drain)")
    String availability;

    /** ListenAddr, and AdvertiseAddr and DataPathAddr when given, into the init or join request. */
    void addresses(ObjectNode request) {
        request.put("ListenAddr", listenAddr);
        if (advertiseAddr != null) {
            request.put("AdvertiseAddr", advertiseAddr);
        }
        if (dataPathAddr != null) {
            request.put("DataPathAddr", dataPathAddr);
        }
    }
}
