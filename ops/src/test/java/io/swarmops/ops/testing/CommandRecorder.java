package io.swarmops.ops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A script that appends the arguments of each call to a file, one per line: a command a test can see called, or never called. */
public record CommandRecorder(Path script, Path calls) {
    public static CommandRecorder in(Path dir) {
        Path script = dir.resolve("record");
        Path calls = dir.resolve("calls");
        try {
            Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '" + calls + "'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CommandRecorder(script, calls);
    }

    public boolean called() {
        return Files.exists(calls);
    }

    /** Every argument of every call so far, one a line. */
    public String arguments() {
        try {
            return Files.readString(calls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
