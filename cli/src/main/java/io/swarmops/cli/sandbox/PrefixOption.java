package io.swarmops.cli.sandbox;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.sandbox.Sandbox;
import io.swarmops.sandbox.SandboxSpec;
import picocli.CommandLine.Option;

/** {@code --prefix}: which sandbox (several can coexist); default "swarmops". */
public final class PrefixOption {
    @Option(names = {"-p", "--prefix"}, paramLabel = "NAME", defaultValue = SandboxSpec.DEFAULT_PREFIX,
            description = "Which sandbox (1-8 lower-case letters/digits; default: ${DEFAULT-VALUE})")
    String prefix;

    Sandbox existing() {
        return Sandbox.find(prefix).orElseThrow(() -> SwarmOpsException.notFound("sandbox", prefix
                + " ('swarmops sandbox up --prefix " + prefix + "' starts one)"));
    }
}
