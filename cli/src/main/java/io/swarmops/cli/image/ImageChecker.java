package io.swarmops.cli.image;

import io.swarmops.cli.image.ImageStatus.Status;
import io.swarmops.compose.RegistryCredentials;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.registry.RegistryClient;
import io.swarmops.ops.registry.RegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Asks each selected service's registry for the digest of its tag, once per image: unchanged,
 * outdated, or unreachable with the registry's one-line reason (said once per registry and reason).
 */
final class ImageChecker {
    private final RegistryClient client;
    private final RegistryCredentials credentials;
    private final Consumer<String> say;

    ImageChecker(RegistryClient client, RegistryCredentials credentials, Consumer<String> say) {
        this.client = client;
        this.credentials = credentials;
        this.say = say;
    }

    List<ImageStatus> check(List<ImageSelection.Chosen> chosen) {
        Map<String, Object> answers = new HashMap<>();
        java.util.Set<String> said = new java.util.HashSet<>();
        List<ImageStatus> out = new ArrayList<>();
        for (ImageSelection.Chosen c : chosen) {
            if (c.image() == null) {
                out.add(c.skipped());
                continue;
            }
            ImageStatus s = c.skipped();
            Object answer = answers.computeIfAbsent(c.image().familiarTagged(), k -> {
                try {
                    return client.resolve(c.image(), auth(c.image().familiarTagged()), credentials.configFile().toString()).digest();
                } catch (RegistryException e) {
                    return e;
                }
            });
            if (answer instanceof RegistryException e) {
                if (said.add(e.getMessage())) {
                    say.accept(e.getMessage());
                }
                out.add(s.with(Status.unreachable, e.getMessage()));
            } else {
                String digest = (String) answer;
                ImageStatus r = new ImageStatus(s.service(), s.serviceId(), s.image(), s.running(), digest, Status.unchanged, "");
                out.add(digest.equals(s.running()) ? r
                        : r.with(Status.outdated, s.running().isEmpty() ? "runs the tag without a digest" : ""));
            }
        }
        return out;
    }

    /** The credentials docker would use for the image; an empty auth when none are stored. */
    RegistryAuth auth(String image) {
        return credentials.forImage(image);
    }
}
