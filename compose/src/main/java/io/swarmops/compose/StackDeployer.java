package io.swarmops.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.compose.StackDeployPlan.CreateNetwork;
import io.swarmops.compose.StackDeployPlan.CreateObject;
import io.swarmops.compose.StackDeployPlan.CreateService;
import io.swarmops.compose.StackDeployPlan.RemoveService;
import io.swarmops.compose.StackDeployPlan.Step;
import io.swarmops.compose.StackDeployPlan.UpdateObject;
import io.swarmops.compose.StackDeployPlan.UpdateService;
import io.swarmops.compose.StackDeployPlanner.ResolveImage;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link StackDeployPlan} through the gateway, step by step, printing what docker prints.
 * Secret and config IDs for service specs are looked up when the service step runs, so objects the
 * plan created are found. With a recording gateway this is the {@code --dry-run}. A service whose
 * comparison found nothing is not written; one that changed between the plan and the write is read
 * and planned again ({@link SpecUpdates#retrying}).
 */
public final class StackDeployer {
    private final SwarmGateway gateway;
    private final Function<String, RegistryAuth> auth;
    private final ResolveImage resolveImage;
    private final Consumer<String> out;
    private final Consumer<String> err;

    /**
     * @param auth credentials for an image's registry (null function or null result: none sent)
     */
    public StackDeployer(SwarmGateway gateway, Function<String, RegistryAuth> auth, ResolveImage resolveImage,
            Consumer<String> out, Consumer<String> err) {
        this.gateway = gateway;
        this.auth = auth;
        this.resolveImage = resolveImage;
        this.out = out;
        this.err = err;
    }

    /** Executes the plan; returns the IDs of the services created or updated. */
    public List<String> execute(StackDeployPlan plan) {
        List<String> serviceIds = new ArrayList<>();
        Map<String, String> secretIds = null;
        Map<String, String> configIds = null;
        for (Step step : plan.steps()) {
            if (step instanceof RemoveService r) {
                out.accept(r.describe());
                gateway.removeService(r.id());
            } else if (step instanceof CreateNetwork n) {
                out.accept(n.describe());
                try {
                    gateway.createNetwork(n.request());
                } catch (SwarmOpsException e) {
                    throw new SwarmOpsException(e.kind(), "failed to create network " + n.name() + ": " + e.getMessage(), e);
                }
            } else if (step instanceof CreateObject o) {
                out.accept(o.describe());
                try {
                    if (o.kind().equals("secret")) {
                        gateway.createSecret(o.spec());
                    } else {
                        gateway.createConfig(o.spec());
                    }
                } catch (SwarmOpsException e) {
                    throw new SwarmOpsException(e.kind(), "failed to create " + o.kind() + " " + o.name() + ": " + e.getMessage(), e);
                }
            } else if (step instanceof UpdateObject o) {
                try {
                    if (o.kind().equals("secret")) {
                        gateway.updateSecret(o.id(), o.version(), o.spec());
                    } else {
                        gateway.updateConfig(o.id(), o.version(), o.spec());
                    }
                } catch (SwarmOpsException e) {
                    throw new SwarmOpsException(e.kind(), "failed to update " + o.kind() + " " + o.name() + ": " + e.getMessage(), e);
                }
            } else if (step instanceof CreateService c) {
                if (secretIds == null) {
                    secretIds = ids(gateway.secrets(Map.of()));
                    configIds = ids(gateway.configs(Map.of()));
                }
                ObjectNode spec = tagged(StackSpecs.withObjectIds(c.spec(), secretIds, configIds));
                RegistryAuth a = authFor(spec);
                if (resolveImage != ResolveImage.NEVER) {
                    pinImage(spec, a);
                }
                out.accept(c.describe());
                try {
                    serviceIds.add(gateway.createService(spec, a, err));
                } catch (SwarmOpsException e) {
                    throw new SwarmOpsException(e.kind(), "failed to create service " + c.name() + ": " + e.getMessage(), e);
                }
            } else if (step instanceof UpdateService u) {
                if (secretIds == null) {
                    secretIds = ids(gateway.secrets(Map.of()));
                    configIds = ids(gateway.configs(Map.of()));
                }
                Map<String, String> secrets = secretIds;
                Map<String, String> configs = configIds;
                try {
                    SpecUpdates.retrying("service " + u.name(), err, attempt -> attempt == 1 ? update(u, secrets, configs) : replan(u));
                } catch (SwarmOpsException e) {
                    throw new SwarmOpsException(e.kind(), "failed to update service " + u.name() + ": " + e.getMessage(), e);
                }
                serviceIds.add(u.id());
            }
        }
        return serviceIds;
    }

    /** Sends one service's update, when it changes anything, with the secrets' and configs' IDs given. */
    private boolean update(UpdateService u, Map<String, String> secretIds, Map<String, String> configIds) {
        if (u.changes().isEmpty()) {
            out.accept(u.describe());
            return false;
        }
        ObjectNode spec = tagged(StackSpecs.withObjectIds(u.spec(), secretIds, configIds));
        RegistryAuth a = authFor(spec);
        if (resolveImage == ResolveImage.ALWAYS || resolveImage == ResolveImage.CHANGED
                && !spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText().contains("@")) {
            pinImage(spec, a);
        }
        out.accept("Updating service " + u.name() + " (id: " + u.id() + ")");
        gateway.updateService(u.id(), u.version(), spec, a, false, err);
        return true;
    }

    /**
     * After an update refused as out of sequence: the service and the swarm's networks, secrets and
     * configs read again, the update planned again on them and sent.
     */
    private boolean replan(UpdateService u) {
        Service fresh = gateway.service(u.id());
        StackState now = new StackState(List.of(fresh), gateway.networks(Map.of()), gateway.secrets(Map.of()), gateway.configs(Map.of()));
        return update(StackDeployPlanner.replan(u, fresh, now, resolveImage), ids(now.secrets()), ids(now.configs()));
    }

    /** What docker's client does to every service spec it sends: tag the image ({@code :latest}). */
    private static ObjectNode tagged(ObjectNode spec) {
        ObjectNode cs = (ObjectNode) spec.path("TaskTemplate").path("ContainerSpec");
        cs.put("Image", ImageReference.withDefaultTag(cs.path("Image").asText()));
        return spec;
    }

    private RegistryAuth authFor(ObjectNode spec) {
        return auth == null ? null : auth.apply(spec.path("TaskTemplate").path("ContainerSpec").path("Image").asText());
    }

    /**
     * docker's QueryRegistry: pin {@code image:tag@digest} and record the platforms; when the registry
     * cannot be asked, warn as docker warns and deploy the image as written.
     */
    private void pinImage(ObjectNode spec, RegistryAuth a) {
        ObjectNode cs = (ObjectNode) spec.path("TaskTemplate").path("ContainerSpec");
        String image = cs.path("Image").asText();
        try {
            JsonNode dist = gateway.distribution(image, a);
            String digest = dist.path("Descriptor").path("digest").asText();
            if (!digest.isEmpty()) {
                int at = image.indexOf('@');
                cs.put("Image", (at < 0 ? image : image.substring(0, at)) + "@" + digest);
            }
            ObjectNode placement = (ObjectNode) spec.path("TaskTemplate").path("Placement");
            if (!placement.has("Platforms") && dist.path("Platforms").isArray() && !dist.path("Platforms").isEmpty()) {
                var platforms = placement.putArray("Platforms");
                for (JsonNode p : dist.path("Platforms")) {
                    platforms.addObject().put("Architecture", p.path("architecture").asText()).put("OS", p.path("os").asText());
                }
            }
        } catch (SwarmOpsException e) {
            err.accept("image " + image + " could not be accessed on a registry to record\nits digest. Each node will access "
                    + image + " independently,\npossibly leading to different nodes running different\nversions of the image.");
        }
    }

    private static Map<String, String> ids(List<SwarmObject> objects) {
        Map<String, String> m = new HashMap<>();
        objects.forEach(o -> m.put(o.name(), o.id()));
        return m;
    }
}
