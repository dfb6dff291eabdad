package io.swarmops.cli.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CommandContext;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmOpsException;

/**
 * What docker does without {@code --no-resolve-image}: ask the registry for the image's digest and
 * pin {@code name:tag@digest}, so every node runs the same image; when the registry cannot be
 * asked, say so and go on with the image as written.
 */
final class ImageResolution {
    private ImageResolution() {
    }

    static void pin(CommandContext context, ObjectNode spec, RegistryAuth auth) {
        ObjectNode container = spec.with("TaskTemplate").with("ContainerSpec");
        String image = container.path("Image").asText();
        if (image.contains("@")) {
            return;
        }
        try {
            JsonNode d = context.gateway().distribution(image, auth);
            String digest = d.path("Descriptor").path("digest").asText("");
            if (!digest.isEmpty()) {
                container.put("Image", image + "@" + digest);
            }
        } catch (SwarmOpsException e) {
            if (e.kind() == SwarmOpsException.Kind.UNREACHABLE) {
                throw e;
            }
            context.say("image " + image + " could not be accessed on a registry to record its digest; "
                    + "each node will access " + image + " independently (" + e.getMessage() + ")");
        }
    }
}
