package io.swarmops.ops.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.ops.SwarmOpsException;
import org.junit.jupiter.api.Test;

class ImageNameTest {
    @Test
    void dockerHubNamesAreNormalisedAsTheEngineDoes() {
        assertEquals(new ImageName("docker.io", "library/redis", "latest", null), ImageName.parse("redis"));
        assertEquals(new ImageName("docker.io", "library/redis", "7", null), ImageName.parse("docker.io/library/redis:7"));
        assertEquals(new ImageName("docker.io", "library/redis", "7", null), ImageName.parse("index.docker.io/redis:7"));
        assertEquals(new ImageName("docker.io", "team/app", "latest", null), ImageName.parse("team/app"));
        assertEquals("registry-1.docker.io", ImageName.parse("redis").apiHost());
        assertEquals("redis:7", ImageName.parse("docker.io/library/redis:7").familiarTagged());
        assertEquals("team/app:latest", ImageName.parse("team/app").familiarTagged());
    }

    @Test
    void aRegistryIsADomainAPortOrLocalhost() {
        ImageName n = ImageName.parse("198.18.3.1:5000/team/app:1@sha256:" + "a".repeat(64));
        assertEquals("198.18.3.1:5000", n.domain());
        assertEquals("198.18.3.1", n.hostname());
        assertEquals("team/app", n.path());
        assertEquals("1", n.tag());
        assertEquals("198.18.3.1:5000/team/app:1@sha256:" + "b".repeat(64), n.pinned("sha256:" + "b".repeat(64)));
        assertEquals("localhost", ImageName.parse("localhost/app").domain());
        assertEquals("[::1]:5000", ImageName.parse("[::1]:5000/app").domain());
        assertEquals("::1", ImageName.parse("[::1]:5000/app").hostname());
        assertEquals(null, ImageName.parse("app@sha256:" + "c".repeat(64)).tag());
    }

    @Test
    void whatTheEngineRefusesIsRefused() {
        assertEquals(SwarmOpsException.Kind.INVALID, assertThrows(SwarmOpsException.class, () -> ImageName.parse("App")).kind());
        assertThrows(SwarmOpsException.class, () -> ImageName.parse("app:-x"));
        assertThrows(SwarmOpsException.class, () -> ImageName.parse("app@sha256:short"));
    }
}
