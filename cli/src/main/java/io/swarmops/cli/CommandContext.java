package io.swarmops.cli;

import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.SwarmGateway;
import java.io.PrintWriter;

/** What every command shares for one run: how to connect, where to print, whether to debug. */
public final class CommandContext implements AutoCloseable {
    private final GatewayFactory factory;
    private final SwarmopsCommand root;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Prompter prompter;
    private SwarmGateway gateway;
    private boolean warnedInClear;

    CommandContext(GatewayFactory factory, SwarmopsCommand root, PrintWriter out, PrintWriter err, Prompter prompter) {
        this.factory = factory;
        this.root = root;
        this.out = out;
        this.err = err;
        this.prompter = prompter;
    }

    GatewayFactory factory() {
        return factory;
    }

    public Prompter prompter() {
        return prompter;
    }

    /** Progress on stderr: rewritten in place on a terminal, plain timestamped lines otherwise. */
    public Progress progress() {
        return new Progress(err, prompter.interactive());
    }

    /** The gateway for the daemon the global options name, opened on first use. */
    public SwarmGateway gateway() {
        if (gateway == null) {
            gateway = warnIfInClear(factory.open(connectionOptions()));
        }
        return gateway;
    }

    /** A gateway to another daemon (another manager, a sandbox node), with the same TLS and timeouts. */
    public SwarmGateway gatewayTo(String host) {
        ConnectionOptions o = connectionOptions();
        return warnIfInClear(factory.open(new ConnectionOptions(host, null, o.tls(), o.tlsVerify(), o.tlsCaCert(), o.tlsCert(),
                o.tlsKey(), o.connectTimeout(), o.readTimeout())));
    }

    /** Once a run: the Engine API over plain TCP carries registry credentials, join tokens and secrets in clear. */
    private SwarmGateway warnIfInClear(SwarmGateway g) {
        DockerEndpoint e = g.endpoint();
        if (!warnedInClear && e != null && "tcp".equals(e.host().getScheme()) && !e.tls()) {
            warnedInClear = true;
            say("warning: " + e.host() + " is plain TCP without TLS: credentials, join tokens and secrets travel in clear "
                    + "(use --tlsverify)");
        }
        return g;
    }

    /** A gateway to a daemon the options name whole (a node's own daemon from the node inventory). */
    public SwarmGateway gatewayTo(ConnectionOptions options) {
        return factory.open(options);
    }

    public ConnectionOptions connectionOptions() {
        return root.connectionOptions();
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public boolean debug() {
        return root.debug;
    }

    /** A line on stderr, for progress and warnings: results go to stdout. */
    public void say(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}
