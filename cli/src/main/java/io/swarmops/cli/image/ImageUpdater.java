package io.swarmops.cli.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.Convergence;
import io.swarmops.cli.ExitCodes;
import io.swarmops.cli.image.ImageStatus.Status;
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
 * rolling update under the service's own update config, and waits for it (converged, rolled back,
 * paused, or the timeout) before the next. A service whose update config names no failure action
 * gets {@code rollback} (Swarm's default, pause, would leave it half updated for no one to see);
 * an explicit pause or continue is kept. Read–change–write: a service whose image changed since
 * the check is left as it is.
 */
final class ImageUpdater {
    private final SwarmGateway gateway;
    private final Function<String, RegistryAuth> auth;
    private final Duration timeout;
    private final Consumer<String> say;
    private final Runnable afterEach;

    /**
     * @param auth      the registry credentials for an image, sent as X-Registry-Auth for the nodes' pulls
     * @param afterEach after each service (the lock's heartbeat)
     */
    ImageUpdater(SwarmGateway gateway, Function<String, RegistryAuth> auth, Duration timeout, Consumer<String> say, Runnable afterEach) {
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
            written = SpecUpdates.updateService(gateway, s.serviceId(), spec -> change(spec, s.image(), pinned), auth.apply(s.image()), say);
        } catch (SwarmOpsException e) {
            return s.with(Status.failed, "update refused: " + e.getMessage());
        } finally {
            afterEach.run();
        }
        if (!written) {
            return s.with(Status.unchanged, "its image changed since the check; left as it is");
        }
        Convergence convergence = new Convergence(gateway, "service " + s.service(), () -> List.of(gateway.service(s.serviceId())), say);
        int code = convergence.await(timeout);
        Service after = gateway.service(s.serviceId());
        if (after.updateState().equals("rollback_started")) {
            new Convergence(gateway, "service " + s.service(), () -> List.of(gateway.service(s.serviceId())), say).rollingBack().await(timeout);
            after = gateway.service(s.serviceId());
        }
        afterEach.run();
        if (code == ExitCodes.OK) {
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

    /** The pure change: pin the new digest, and a failure action when the service has none. */
    static ObjectNode change(ObjectNode spec, String image, String pinned) {
        ObjectNode container = spec.with("TaskTemplate").with("ContainerSpec");
        String current = container.path("Image").asText();
        if (!ImageName.parse(current).familiarTagged().equals(image)) {
            return spec;
        }
        container.put("Image", pinned);
        ObjectNode update = spec.with("UpdateConfig");
        if (!update.hasNonNull("FailureAction") || update.path("FailureAction").asText().isEmpty()) {
            update.put("FailureAction", "rollback");
        }
        return spec;
    }
}
