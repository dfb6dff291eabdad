package io.swarmops.recovery.maintenance;

import io.swarmops.ops.engine.SshCommand;
import io.swarmops.ops.model.Node;
import java.util.List;

/** Each node's own daemon and host, as the node inventory reaches them. */
public interface NodeDaemons {
    /** Whether the node's own daemon answers. */
    boolean answers(Node node);

    /** Runs a command on the node's host over ssh, without a shell: its exit code and output. */
    SshCommand.Result run(Node node, List<String> command);
}
