package io.swarmops.cli;

import io.swarmops.ops.CappedFile;
import io.swarmops.ops.SwarmOpsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --secret NAME=FILE}: the data of a secret that a backup or a state file names but cannot hold. */
public final class SecretDataOptions {
    @Option(names = "--secret", paramLabel = "NAME=FILE",
            description = "Data of a secret, read from FILE (backups and state files hold secret names only)")
    List<String> secrets = List.of();

    /** Each secret's data by name, read now; a malformed value or an unreadable file is refused in one line. */
    public Map<String, byte[]> data() {
        Map<String, byte[]> data = new HashMap<>();
        for (String s : secrets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw SwarmOpsException.invalid("invalid --secret " + s + ": use NAME=FILE");
            }
            try {
                data.put(s.substring(0, eq), CappedFile.read(Path.of(s.substring(eq + 1)), CappedFile.SECRET));
            } catch (IOException e) {
                throw SwarmOpsException.invalid("cannot read secret file " + s.substring(eq + 1) + ": " + e.getMessage());
            }
        }
        return data;
    }
}
