package io.swarmops.cli.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;

/**
 * One service's image, as checked at its registry or updated: the tag it follows, the digest it
 * runs, the digest the tag names now, and what became of it.
 *
 * @param running  the digest the service's spec pins, or "" (deployed without one)
 * @param registry the digest the registry gives the tag now, or "" (not asked, or no answer)
 * @param note     why, in one line: the registry's refusal, the rollback's message, the skip's reason
 */
public record ImageStatus(String service, String serviceId, String image, String running, String registry, Status status, String note) {

    /** What became of one service; lower case as printed. */
    public enum Status {
        /** The registry's digest is the one the service runs. */
        unchanged,
        /** The registry's digest differs (image check, dry run, or before the update). */
        outdated,
        /** Moved to the registry's digest, and converged. */
        updated,
        /** The update did not converge: rolled back, paused, or timed out. */
        failed,
        /** The registry gave no digest: unreachable, refused the credentials, or has no such tag. */
        unreachable,
        /** Not followed: opted out by label, not opted in, or pinned to a digest with no tag. */
        skipped,
        /** Outdated, but over this run's --max: the next run takes it. */
        deferred
    }

    public ImageStatus with(Status s, String why) {
        return new ImageStatus(service, serviceId, image, running, registry, s, why);
    }

    ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("Service", service).put("ID", serviceId).put("Image", image).put("Running", running).put("Registry", registry)
                .put("Status", status.name()).put("Note", note);
        return o;
    }

    /** {@code sha256:0123456789ab}: as much of a digest as a table needs. */
    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.isEmpty() ? "-" : digest.substring(0, Math.min(digest.length(), colon + 13));
    }
}
