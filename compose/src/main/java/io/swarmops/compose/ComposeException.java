package io.swarmops.compose;

import io.swarmops.compose.yaml.Mark;
import io.swarmops.ops.SwarmOpsException;

/**
 * A compose file swarmops cannot deploy: the one line names the file, the line and the key
 * ({@code stack.yml:12: services.web.ports[0]: invalid proto: tcpp}). Nothing is deployed when one is
 * thrown, because every file is loaded, checked and converted before the first write.
 */
public final class ComposeException extends SwarmOpsException {
    private final transient Mark mark;
    private final String key;

    public ComposeException(Mark mark, String key, String message) {
        super(Kind.INVALID, format(mark, key, message));
        this.mark = mark;
        this.key = key;
    }

    /** An error about the project as a whole, with no single place in a file. */
    public ComposeException(String message) {
        this(null, null, message);
    }

    private static String format(Mark mark, String key, String message) {
        StringBuilder b = new StringBuilder();
        if (mark != null) {
            b.append(mark).append(": ");
        }
        if (key != null && !key.isEmpty()) {
            b.append(key).append(": ");
        }
        return b.append(message).toString();
    }

    /** Where in which file, or null. */
    public Mark mark() {
        return mark;
    }

    /** The dotted path of the key ({@code services.web.deploy.replicas}), or null. */
    public String key() {
        return key;
    }
}
