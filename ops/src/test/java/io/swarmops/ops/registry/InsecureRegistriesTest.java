package io.swarmops.ops.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.ops.model.Json;
import org.junit.jupiter.api.Test;

class InsecureRegistriesTest {
    @Test
    void theDaemonsRegistryConfigDecides() throws Exception {
        InsecureRegistries r = InsecureRegistries.fromInfo(Json.MAPPER.readTree("""
                {"RegistryConfig":{"InsecureRegistryCIDRs":["127.0.0.0/8","198.18.7.0/24"],
                 "IndexConfigs":{"docker.io":{"Name":"docker.io","Secure":true},"reg.example:5000":{"Name":"reg.example:5000","Secure":false}}}}
                """));
        assertTrue(r.allows(ImageName.parse("127.0.0.1:5000/app")));
        assertTrue(r.allows(ImageName.parse("198.18.7.1:5000/app")));
        assertFalse(r.allows(ImageName.parse("198.18.8.1:5000/app")));
        assertTrue(r.allows(ImageName.parse("reg.example:5000/app")));
        assertFalse(r.allows(ImageName.parse("reg.example:5001/app")));
    }

    @Test
    void withoutRegistryConfigOnlyLoopback() throws Exception {
        InsecureRegistries r = InsecureRegistries.fromInfo(Json.MAPPER.readTree("{}"));
        assertTrue(r.allows(ImageName.parse("127.0.0.2:5000/app")));
        assertFalse(r.allows(ImageName.parse("198.18.7.1:5000/app")));
    }
}
