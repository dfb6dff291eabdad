package io.swarmops.sandbox;

/** One line per finished step of a sandbox operation, e.g. "node2: dockerd ready (1.4 s)". */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener SILENT = line -> { };

    void step(String line);
}
