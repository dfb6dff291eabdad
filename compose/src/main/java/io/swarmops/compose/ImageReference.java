package io.swarmops.compose;

import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.registry.ImageName;

/**
 * docker's client tags an image reference before it creates or updates a service
 * ({@code redis} becomes {@code redis:latest}, {@code docker.io/library/redis} becomes
 * {@code redis:latest}); references it cannot parse are sent as written.
 */
public final class ImageReference {
    private ImageReference() {
    }

    /** {@code reference.FamiliarString(reference.TagNameOnly(ParseNormalizedNamed(image)))}, or the image as written. */
    public static String withDefaultTag(String image) {
        ImageName name;
        try {
            name = ImageName.parse(image);
        } catch (SwarmOpsException unparsable) {
            return image;
        }
        return name.familiarName() + (name.tag() == null ? "" : ":" + name.tag()) + (name.digest() == null ? "" : "@" + name.digest());
    }
}
