package io.swarmops.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (set by the build), or "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = SwarmopsCommand.class.getPackage().getImplementationVersion();
        return new String[] {"swarmops " + (v == null ? "dev" : v)};
    }
}
