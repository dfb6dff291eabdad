package io.swarmops.cli.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.image.ImageStatus.Status;
import io.swarmops.ops.Convergence;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.registry.ImageName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The executor: moves each outdated service to {@code name:tag@digest}, one service at a time, as a
 * rolling update under the service's own update config (parallelism, delay, order, monitor, max
 * failure ratio), and waits for it (converged, rolled back, paused, or the timeout) before the next.
 * The failure action becomes {@code rollback}, and stays so in the spec: docker's client writes
 * {@code pause} into every service it creates, so a default cannot be told from a choice, and a
 * paused half-updated service is what an unattended update must not leave. With
 * {@code keepFailureAction} the service's own is kept. Read–change–write: a service whose image
 * changed since the check is left as it is.
 */
final class ImageUpdater {
    private final SwarmGateway gateway;
    private final Function<String, RegistryAuth> auth;
    private final Duration timeout;
    private final Consumer<String> say;
    private final Runnable afterEach;
    private final boolean keepFailureAction;

    /**
     * @param auth      the registry credentials for an image, sent as X-Registry-Auth for the nodes' pulls
     * @param afterEach after each service (the lock's heartbeat)
     */
    ImageUpdater(SwarmGateway gateway, Function<String, RegistryAuth> auth, Duration timeout, boolean keepFailureAction,
            Consumer<String> say, Runnable afterEach) {
        this.keepFailureAction = keepFailureAction;
        this.gateway = gateway;
        this.auth = auth;
        this.timeout = timeout;
        this.say = say;
        this.afterEach = afterEach;
    }

    /** The statuses after the run: each outdated one updated or failed (or unchanged), the rest as they were. */
    List<ImageStatus> apply(List<ImageStatus> plan) {
        List<ImageStatus> out = new ArrayList<>();
        for (ImageStatus s : plan) {
            out.add(s.status() == Status.outdated ? update(s) : s);
        }
        return out;
    }

    private ImageStatus update(ImageStatus s) {
        String pinned = ImageName.parse(s.image()).pinned(s.registry());
        say.accept("service " + s.service() + ": " + s.image() + " " + ImageStatus.shortDigest(s.running()) + " → "
                + ImageStatus.shortDigest(s.registry()));
        boolean written;
        try {
            written = SpecUpdates.updateService(gateway, s.serviceId(), spec -> change(spec, s.image(), pinned, keepFailureAction), auth.apply(s.image()), say);
        } catch (SwarmOpsException e) {
            return s.with(Status.failed, "update refused: " + e.getMessage());
        } finally {
            afterEach.run();
        }
        if (!written) {
            return s.with(Status.unchanged, "its image changed since the check; left as it is");
        }
        boolean converged = convergence(s).await(timeout, say).isDone();
        Service after = gateway.service(s.serviceId());
        if (after.updateState().equals("rollback_started")) {
            convergence(s).rollingBack().await(timeout, say);
            after = gateway.service(s.serviceId());
        }
        afterEach.run();
        if (converged) {
            return s.with(Status.updated, "");
        }
        String state = after.updateState();
        String why = switch (state) {
            case "rollback_completed", "rollback_started" -> "rolled back (" + state + "): " + after.updateMessage();
            case "paused", "rollback_paused" -> "update " + state + ": " + after.updateMessage();
            default -> "did not converge within " + timeout.toSeconds() + " s (update " + (state.isEmpty() ? "state unknown" : state) + ")";
        };
        return s.with(Status.failed, why);
    }

    private Convergence convergence(ImageStatus s) {
        return new Convergence(gateway, "service " + s.service(), () -> List.of(gateway.service(s.serviceId())));
    }

    /** The pure change: pin the new digest; failure action rollback unless kept. */
    static ObjectNode change(ObjectNode spec, String image, String pinned, boolean keepFailureAction) {
        ObjectNode container = spec.with("TaskTemplate").with("ContainerSpec");
        String current = container.path("Image").asText();
        try {
            if (!ImageName.parse(current).familiarTagged().equals(image)) {
                return spec;
            }
        } catch (SwarmOpsException e) {
            return spec; // changed since the check into something that is no image reference
        }
        container.put("Image", pinned);
        if (!keepFailureAction) {
            spec.with("UpdateConfig").put("FailureAction", "rollback");
        }
        return spec;
    }
}
