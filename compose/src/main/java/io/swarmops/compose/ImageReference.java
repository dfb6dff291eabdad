package io.swarmops.compose;

import java.util.regex.Pattern;

/**
 * docker's client tags an image reference before it creates or updates a service
 * ({@code redis} becomes {@code redis:latest}, {@code docker.io/library/redis} becomes
 * {@code redis:latest}); references it cannot parse are sent as written.
 */
public final class ImageReference {
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    private ImageReference() {
    }

    /** {@code reference.FamiliarString(reference.TagNameOnly(ParseNormalizedNamed(image)))}, or the image as written. */
    public static String withDefaultTag(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return image;
            }
        }
        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return image;
            }
        }
        String domain = null;
        String path = rest;
        int first = rest.indexOf('/');
        if (first >= 0) {
            String head = rest.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost") || !head.equals(head.toLowerCase(java.util.Locale.ROOT))) {
                domain = head;
                path = rest.substring(first + 1);
            }
        }
        if (domain != null && !DOMAIN.matcher(domain).matches() || !PATH.matcher(path).matches() || rest.length() > 255) {
            return image;
        }
        if (domain == null || domain.equals("docker.io") || domain.equals("index.docker.io")) {
            domain = null;
            if (path.startsWith("library/") && path.indexOf('/', "library/".length()) < 0) {
                path = path.substring("library/".length());
            }
        }
        StringBuilder b = new StringBuilder();
        if (domain != null) {
            b.append(domain).append('/');
        }
        b.append(path);
        if (tag != null) {
            b.append(':').append(tag);
        } else if (digest == null) {
            b.append(":latest");
        }
        if (digest != null) {
            b.append('@').append(digest);
        }
        return b.toString();
    }
}
