package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.swarmops.ops.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --with-registry-auth}: the image's registry's credentials from docker's config, and only with the flag. */
class RegistryOptionsTest {
    @Test
    void credentialsOfTheImagesRegistry(@TempDir Path dir) throws Exception {
        String auth = Base64.getEncoder().encodeToString("ops:s3cret".getBytes(StandardCharsets.UTF_8));
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"reg.example:5000\":{\"auth\":\"" + auth + "\"}}}");
        Map<String, String> env = Map.of("DOCKER_CONFIG", dir.toString());

        ServiceCreate with = new ServiceCreate();
        new CommandLine(with).parseArgs("--with-registry-auth", "reg.example:5000/app:1");
        RegistryAuth a = with.registry.auth("reg.example:5000/app:1", env);
        assertEquals("reg.example:5000", a.serverAddress());
        assertEquals("ops", a.username());
        assertFalse(a.toString().contains("s3cret"), "credentials never printed: " + a);

        ServiceUpdate without = new ServiceUpdate();
        new CommandLine(without).parseArgs("--image", "reg.example:5000/app:2", "app");
        assertNull(without.registry.auth("reg.example:5000/app:2", env), "no flag: the daemon keeps the service's own");
    }
}
