package io.swarmops.cli;

/**
 * A command whose options end at its first positional argument (the image): what follows is the
 * container's command, {@code sh -c "..."} included, as docker parses {@code service create}.
 */
public interface ArgumentsAfterImage {
}
