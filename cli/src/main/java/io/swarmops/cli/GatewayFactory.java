package io.swarmops.cli;

import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;

/** Opens the gateway the command line asked for; tests pass one that returns a fake. */
@FunctionalInterface
public interface GatewayFactory {
    SwarmGateway open(ConnectionOptions options);
}
