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

    /** Pins the spec's image in place. */
    static void pin(CommandContext context, ObjectNode spec, RegistryAuth auth) {
        ObjectNode container = spec.with("TaskTemplate").with("ContainerSpec");
        container.put("Image", resolve(context, container.path("Image").asText(), auth));
    }

    /** {@code image@digest}, or {@code image} unchanged (with a warning) when no registry answers. */
    static String resolve(CommandContext context, String image, RegistryAuth auth) {
        if (image.contains("@")) {
            return image;
        }
        try {
            JsonNode d = context.gateway().distribution(image, auth);
            String digest = d.path("Descriptor").path("digest").asText("");
            return digest.isEmpty() ? image : image + "@" + digest;
        } catch (SwarmOpsException e) {
            if (e.kind() == SwarmOpsException.Kind.UNREACHABLE) {
                throw e;
            }
            context.say("image " + image + " could not be accessed on a registry to record its digest. Each node will access "
                    + image + " independently, possibly leading to different nodes running different versions of the image (" + e.getMessage() + ")");
            return image;
        }
    }
}
