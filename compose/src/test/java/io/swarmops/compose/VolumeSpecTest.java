package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.compose.model.ServiceConfig.VolumeMount;
import io.swarmops.ops.opts.InvalidSyntax;
import org.junit.jupiter.api.Test;

class VolumeSpecTest {
    @Test
    void volumeSpecsAsDockerReadsThem() {
        VolumeMount bind = VolumeSpec.parse("/:/rootfs:ro,rslave");
        assertEquals("bind", bind.type);
        assertEquals(true, bind.readOnly);
        assertEquals("rslave", bind.bindPropagation);
        VolumeMount named = VolumeSpec.parse("data:/data:nocopy");
        assertEquals("volume", named.type);
        assertEquals(Boolean.TRUE, named.volumeNoCopy);
        assertEquals("/anon", VolumeSpec.parse("/anon").target);
        assertEquals("invalid spec: /a:/b:ro:x: too many colons",
                assertThrows(InvalidSyntax.class, () -> VolumeSpec.parse("/a:/b:ro:x")).getMessage());
    }
}
