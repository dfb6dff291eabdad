package io.swarmops.compose;

import io.swarmops.compose.model.ServiceConfig.VolumeMount;
import io.swarmops.ops.opts.InvalidSyntax;
import java.util.List;

/**
 * A short-syntax volume of a compose file ({@code ./data:/data:ro}, {@code db:/var/lib/db:nocopy})
 * as docker's compose loader reads it (cli/compose/loader/volume.go). A refusal is an
 * {@link InvalidSyntax} carrying docker's message; the loader adds file, line and key.
 */
public final class VolumeSpec {
    private VolumeSpec() {
    }

    private static final List<String> PROPAGATIONS = List.of("rprivate", "private", "rshared", "shared", "rslave", "slave");

    /** A short-syntax volume ({@code ./data:/data:ro}, {@code db:/var/lib/db:nocopy}) as docker reads it. */
    public static VolumeMount parse(String spec) {
        VolumeMount v = new VolumeMount();
        if (spec.isEmpty()) {
            throw new InvalidSyntax("invalid empty volume spec");
        }
        if (spec.codePointCount(0, spec.length()) <= 2 && spec.length() <= 2) {
            v.target = spec;
            v.type = "volume";
            return v;
        }
        StringBuilder buffer = new StringBuilder();
        int[] cps = (spec + "\0").codePoints().toArray();
        for (int cp : cps) {
            if (cp == ':' && buffer.codePointCount(0, buffer.length()) == 1 && Character.isLetter(buffer.codePointAt(0))) {
                buffer.appendCodePoint(cp);
            } else if (cp == ':' || cp == 0) {
                try {
                    populate(cp, buffer.toString(), v);
                } catch (InvalidSyntax e) {
                    throw new InvalidSyntax("invalid spec: " + spec + ": " + e.getMessage());
                }
                buffer.setLength(0);
            } else {
                buffer.appendCodePoint(cp);
            }
        }
        if (v.source.isEmpty()) {
            v.type = "volume";
        } else if (isFilePath(v.source)) {
            v.type = "bind";
        } else {
            v.type = "volume";
        }
        return v;
    }

    private static void populate(int c, String buffer, VolumeMount v) {
        if (buffer.isEmpty()) {
            throw new InvalidSyntax("empty section between colons");
        }
        if (v.source.isEmpty() && c == 0) {
            v.target = buffer;
            return;
        }
        if (v.source.isEmpty()) {
            v.source = buffer;
            return;
        }
        if (v.target.isEmpty()) {
            v.target = buffer;
            return;
        }
        if (c == ':') {
            throw new InvalidSyntax("too many colons");
        }
        for (String option : buffer.split(",", -1)) {
            switch (option) {
                case "ro" -> v.readOnly = true;
                case "rw" -> v.readOnly = false;
                case "nocopy" -> v.volumeNoCopy = Boolean.TRUE;
                default -> {
                    if (PROPAGATIONS.contains(option)) {
                        v.bindPropagation = option;
                    }
                }
            }
        }
    }

    private static boolean isFilePath(String source) {
        char c = source.charAt(0);
        if (c == '.' || c == '/' || c == '~') {
            return true;
        }
        if (source.codePointCount(0, source.length()) == 1) {
            return false;
        }
        if (source.startsWith("\\\\")) {
            return true;
        }
        int first = source.codePointAt(0);
        int next = Character.charCount(first);
        return source.charAt(next) == ':' && Character.isLetter(first);
    }
}
