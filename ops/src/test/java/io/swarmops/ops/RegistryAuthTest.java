package io.swarmops.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.model.Json;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {
    @Test
    void headerIsUrlSafeBase64JsonAsDockerSendsIt() throws Exception {
        RegistryAuth auth = new RegistryAuth("registry.example:5000", "admin", "s3cr3t?>", null);
        JsonNode decoded = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(auth.header()));
        assertEquals("admin", decoded.get("username").asText());
        assertEquals("s3cr3t?>", decoded.get("password").asText());
        assertEquals("registry.example:5000", decoded.get("serveraddress").asText());
    }

    @Test
    void identityTokenReplacesThePassword() throws Exception {
        JsonNode decoded = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(
                new RegistryAuth("r", "<token>", null, "tok").header()));
        assertEquals("tok", decoded.get("identitytoken").asText());
        assertFalse(decoded.has("password"));
    }

    @Test
    void neverPrintsTheSecret() {
        String s = new RegistryAuth("r", "admin", "s3cr3t", null).toString();
        assertFalse(s.contains("s3cr3t"), s);
    }
}
