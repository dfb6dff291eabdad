package io.swarmops.cli.format;

/** Object IDs as docker's tables show them. */
public final class Ids {
    private Ids() {
    }

    /** docker's stringid.TruncateID: the first 12 characters. */
    public static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
