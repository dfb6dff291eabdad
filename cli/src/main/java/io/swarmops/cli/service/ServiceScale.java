package io.swarmops.cli.service;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.MultiTarget;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code service scale SERVICE=N ...}: replicated services and replicated jobs; docker refuses global ones too. */
@Command(name = "scale", mixinStandardHelpOptions = true, description = "Scale one or multiple replicated services")
public final class ServiceScale extends SwarmopsVerb {
    @Parameters(arity = "1..*", paramLabel = "SERVICE=REPLICAS")
    List<String> targets;

    @Mixin
    WaitOptions wait;

    @Override
    protected int execute() {
        for (String t : targets) {
            int eq = t.indexOf('=');
            if (eq <= 0 || !t.substring(eq + 1).matches("\\d+")) {
                throw SwarmOpsException.invalid("invalid scale specifier '" + t + "': use SERVICE=REPLICAS");
            }
        }
        List<String> scaled = new ArrayList<>();
        SwarmOpsException failed = null;
        try {
            MultiTarget.each(context(), targets, t -> scaled.add(scale(t)));
        } catch (SwarmOpsException e) {
            failed = e; // as docker: the services that were scaled are still waited for, the failures reported after
        }
        int code = ExitCodes.OK;
        for (String id : scaled) {
            int w = wait.await(context(), id);
            code = code == ExitCodes.OK ? w : code;
        }
        if (failed != null) {
            throw failed;
        }
        return code;
    }

    /** Scales one {@code SERVICE=N}; returns the service's ID. */
    private String scale(String target) {
        String name = target.substring(0, target.indexOf('='));
        long replicas = Long.parseLong(target.substring(target.indexOf('=') + 1));
        Service s = gateway().service(name);
        if (!s.isReplicated() && !s.mode().equals("replicated-job")) {
            throw SwarmOpsException.invalid(name + ": scale can only be used with replicated or replicated-job mode");
        }
        SpecUpdates.updateService(gateway(), s.id(), spec -> {
            if (spec.path("Mode").has("ReplicatedJob")) {
                spec.with("Mode").with("ReplicatedJob").put("TotalCompletions", replicas);
            } else {
                spec.with("Mode").with("Replicated").put("Replicas", replicas);
            }
            return spec;
        }, null, context()::say);
        out().println(name + " scaled to " + replicas);
        out().flush();
        return s.id();
    }
}
