package io.swarmops.compose.yaml;

/** A place in a compose file: the file as the user named it and a 1-based line. */
public record Mark(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
