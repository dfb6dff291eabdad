package io.swarmops.ops.registry;

import io.swarmops.ops.SwarmOpsException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference as the Engine reads it ({@code reference.ParseNormalizedNamed}): a name with no
 * registry is on Docker Hub, one with no path under Docker Hub's {@code library/}, one with neither
 * tag nor digest is {@code :latest}. {@code redis} is {@code docker.io/library/redis:latest}.
 *
 * @param domain the registry as it is named ({@code docker.io}, {@code registry:5000})
 * @param path   the repository inside it ({@code library/redis})
 * @param tag    the tag, or null when only a digest was given
 * @param digest the digest, or null
 */
public record ImageName(String domain, String path, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";
    /** Where Docker Hub's Registry API answers, as docker's default v2 endpoint. */
    static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    /** Parses {@code image}; an INVALID error naming it when the Engine would refuse it too. */
    public static ImageName parse(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(image, "not a digest: " + digest);
            }
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(image, "not a tag: " + tag);
            }
        }
        String domain = DOCKER_HUB;
        String path = rest;
        int first = rest.indexOf('/');
        if (first >= 0) {
            String head = rest.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost") || !head.equals(head.toLowerCase(Locale.ROOT))) {
                domain = head;
                path = rest.substring(first + 1);
            }
        }
        if (!DOMAIN.matcher(domain).matches() || !PATH.matcher(path).matches() || rest.length() > 255) {
            throw invalid(image, "not a repository name");
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (domain.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
            path = "library/" + path;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageName(domain, path, tag, digest);
    }

    private static SwarmOpsException invalid(String image, String why) {
        return SwarmOpsException.invalid("invalid image reference \"" + image + "\": " + why);
    }

    /** The host (and port) the Registry API answers at. */
    public String apiHost() {
        return domain.equals(DOCKER_HUB) ? DOCKER_HUB_API : domain;
    }

    /** The host part of {@link #domain()}, without the port. */
    public String hostname() {
        if (domain.startsWith("[")) {
            return domain.substring(1, domain.indexOf(']'));
        }
        int colon = domain.indexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }

    /** {@code name:tag}, as docker shows it ({@code redis:latest}, {@code registry:5000/app:1}): no digest. */
    public String familiarTagged() {
        return familiarName() + (tag == null ? "" : ":" + tag);
    }

    /** The repository as docker shows it: Docker Hub's domain and {@code library/} left out. */
    public String familiarName() {
        if (domain.equals(DOCKER_HUB)) {
            return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
        }
        return domain + "/" + path;
    }

    /** {@code name:tag@digest}, the reference docker pins a service to. */
    public String pinned(String newDigest) {
        return familiarTagged() + "@" + newDigest;
    }

    @Override
    public String toString() {
        return familiarTagged() + (digest == null ? "" : "@" + digest);
    }
}
