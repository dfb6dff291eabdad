package io.swarmops.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file a user or a compose file names, up to a size: {@code /dev/zero}, a FIFO or a log
 * named by mistake is one clear refusal naming the file, not a heap exhausted. Never more than
 * {@code limit + 1} bytes are read.
 */
public final class CappedFile {
    /** Swarm's own limit for a secret's data (swarmkit {@code api/validation.MaxSecretSize}). */
    public static final Limit SECRET = new Limit(500 * 1024, "Swarm's limit for a secret");
    /** Swarm's own limit for a config's data (swarmkit {@code controlapi.MaxConfigSize}; 500 KB before Docker 23). */
    public static final Limit CONFIG = new Limit(1000 * 1024, "Swarm's limit for a config");
    /** An env file: its variables go into a service spec, which Swarm keeps well under 4 MB. */
    public static final Limit ENV_FILE = new Limit(1024 * 1024, "swarmops' limit for an env file");
    /** A compose file: the largest real ones are a few hundred KB. */
    public static final Limit COMPOSE_FILE = new Limit(16 * 1024 * 1024, "swarmops' limit for a compose file");
    /** A daemon's JSON answer: a big swarm's task list is some tens of MB, and its tree takes several times that on the heap. */
    public static final Limit DAEMON_ANSWER = new Limit(64 * 1024 * 1024, "swarmops' limit for a daemon's answer");
    /** A daemon's refusal: one message, a few hundred bytes. */
    public static final Limit DAEMON_ERROR = new Limit(64 * 1024, "swarmops' limit for a daemon's error");

    /** A size in bytes and what it is, as the refusal says it. */
    public record Limit(int bytes, String what) {
        String describe() {
            return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
        }
    }

    /** "larger than 256 MB, swarmops' limit for a daemon's answer". */
    public static String larger(Limit limit) {
        return "larger than " + limit.describe() + ", " + limit.what();
    }

    /** The refusal: "FILE is larger than 500 KB, Swarm's limit for a secret". */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
        private final String withoutFile;

        TooLarge(Path file, Limit limit) {
            super(file + " is " + larger(limit));
            this.withoutFile = larger(limit);
        }

        /** "larger than 16 MB, ...", for messages that name the file already. */
        public String withoutFile() {
            return withoutFile;
        }
    }

    private CappedFile() {
    }

    /** The file's bytes; {@link TooLarge} past {@code limit}, other {@link IOException}s as they come. */
    public static byte[] read(Path file, Limit limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = upTo(in, limit);
            if (data == null) {
                throw new TooLarge(file, limit);
            }
            return data;
        }
    }

    /** A stream's bytes up to its end, or null when it holds more than {@code limit}; never more than {@code limit + 1} bytes are read. */
    public static byte[] upTo(InputStream in, Limit limit) throws IOException {
        byte[] data = in.readNBytes(limit.bytes() + 1);
        return data.length > limit.bytes() ? null : data;
    }
}
