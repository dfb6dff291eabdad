package io.swarmops.cli.stack;

import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.SwarmopsVerb;
import io.swarmops.compose.StackSpecs;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.Waits;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stack rm}: services, then secrets, configs and networks of each stack, as docker removes
 * them; then waits (with backoff and a timeout) until they are gone, or says what is left.
 */
@Command(name = "rm", aliases = {"remove", "down"}, description = "Remove one or more stacks", mixinStandardHelpOptions = true)
public final class StackRm extends SwarmopsVerb {
    @Option(names = {"-d", "--detach"}, description = "Do not wait for the stack to be removed")
    boolean detach;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", converter = io.swarmops.cli.DurationConverter.class,
            description = "How long to wait for the stack to be gone (default 2m)")
    Duration timeout;

    @Parameters(arity = "1..*", paramLabel = "STACK")
    List<String> stacks;

    @Override
    protected int execute() {
        int rc = ExitCodes.OK;
        for (String stack : stacks) {
            Map<String, List<String>> label = Map.of("label", List.of(StackSpecs.NAMESPACE_LABEL + "=" + stack));
            List<Service> services = new ArrayList<>(gateway().services(label));
            List<SwarmObject> networks = gateway().networks(label);
            List<SwarmObject> secrets = gateway().secrets(label);
            List<SwarmObject> configs = gateway().configs(label);
            if (services.isEmpty() && networks.isEmpty() && secrets.isEmpty() && configs.isEmpty()) {
                context().say("Nothing found in stack: " + stack);
                continue;
            }
            List<String> failures = new ArrayList<>();
            services.sort(Comparator.comparing(Service::name));
            for (Service s : services) {
                out().println("Removing service " + s.name());
                tryRemove(() -> gateway().removeService(s.id()), "service " + s.name(), failures);
            }
            for (SwarmObject s : secrets) {
                out().println("Removing secret " + s.name());
                tryRemove(() -> gateway().removeSecret(s.id()), "secret " + s.name(), failures);
            }
            for (SwarmObject c : configs) {
                out().println("Removing config " + c.name());
                tryRemove(() -> gateway().removeConfig(c.id()), "config " + c.name(), failures);
            }
            for (SwarmObject n : networks) {
                out().println("Removing network " + n.name());
                tryRemove(() -> gateway().removeNetwork(n.id()), "network " + n.name(), failures);
            }
            out().flush();
            failures.forEach(context()::say);
            if (!failures.isEmpty()) {
                rc = ExitCodes.FAILED;
            }
            if (!detach && !awaitGone(stack, label)) {
                rc = ExitCodes.FAILED;
            }
        }
        return rc;
    }

    private static void tryRemove(Runnable r, String what, List<String> failures) {
        try {
            r.run();
        } catch (SwarmOpsException e) {
            if (e.kind() != SwarmOpsException.Kind.NOT_FOUND) {
                failures.add("Failed to remove " + what + ": " + e.getMessage());
            }
        }
    }

    /** Networks go once their tasks are gone: retry their removal while waiting. */
    private boolean awaitGone(String stack, Map<String, List<String>> label) {
        Waits.Result gone = Waits.backoff(Duration.ofMillis(250), Duration.ofSeconds(3)).poll(timeout, () -> {
            List<String> left = new ArrayList<>();
            gateway().services(label).forEach(s -> left.add("service " + s.name()));
            for (SwarmObject n : gateway().networks(label)) {
                left.add("network " + n.name());
                tryRemove(() -> gateway().removeNetwork(n.id()), "network", new ArrayList<>());
            }
            gateway().secrets(label).forEach(s -> left.add("secret " + s.name()));
            gateway().configs(label).forEach(s -> left.add("config " + s.name()));
            return left.isEmpty() ? Waits.Result.done() : Waits.Result.pending(String.join(", ", left));
        }, left -> { });
        if (!gone.isDone()) {
            context().say("stack " + stack + " not fully removed after " + timeout.toSeconds() + "s; left: " + gone.detail());
        }
        return gone.isDone();
    }
}
