package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.compose.model.ServiceConfig.PortConfig;
import io.swarmops.compose.model.ServiceConfig.VolumeMount;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerSyntaxTest {
    @Test
    void durationsParseAndPrintAsGo() {
        assertEquals(90_000_000_000L, DockerSyntax.parseDuration("1m30s"));
        assertEquals(1_500_000L, DockerSyntax.parseDuration("1.5ms"));
        assertEquals("1m30s", DockerSyntax.formatDuration(90_000_000_000L));
        assertEquals("1h0m0s", DockerSyntax.formatDuration(3_600_000_000_000L));
        assertEquals("500ms", DockerSyntax.formatDuration(500_000_000L));
        assertEquals("1.5s", DockerSyntax.formatDuration(1_500_000_000L));
        assertThrows(IllegalArgumentException.class, () -> DockerSyntax.parseDuration("10"));
        assertThrows(IllegalArgumentException.class, () -> DockerSyntax.parseDuration("5y"));
    }

    @Test
    void sizesAreBinaryMultiples() {
        assertEquals(67108864L, DockerSyntax.ramInBytes("64M"));
        assertEquals(1610612736L, DockerSyntax.ramInBytes("1.5G"));
        assertEquals(512L, DockerSyntax.ramInBytes("512"));
        assertThrows(IllegalArgumentException.class, () -> DockerSyntax.ramInBytes("64X"));
    }

    @Test
    void portRangesExpandSortedByPortKey() {
        List<PortConfig> p = DockerSyntax.parsePortSpec("9090-9091:8080-8081");
        assertEquals(List.of(8080L, 8081L), p.stream().map(PortConfig::target).toList());
        assertEquals(List.of(9090L, 9091L), p.stream().map(PortConfig::published).toList());
        assertEquals("udp", DockerSyntax.parsePortSpec("53:53/udp").get(0).protocol());
        assertEquals(0, DockerSyntax.parsePortSpec("7000").get(0).published());
        assertThrows(IllegalArgumentException.class, () -> DockerSyntax.parsePortSpec("80:80/tcpp"));
    }

    @Test
    void volumeSpecsAsDockerReadsThem() {
        VolumeMount bind = DockerSyntax.parseVolume("/:/rootfs:ro,rslave");
        assertEquals("bind", bind.type);
        assertEquals(true, bind.readOnly);
        assertEquals("rslave", bind.bindPropagation);
        VolumeMount named = DockerSyntax.parseVolume("data:/data:nocopy");
        assertEquals("volume", named.type);
        assertEquals(Boolean.TRUE, named.volumeNoCopy);
        assertEquals("/anon", DockerSyntax.parseVolume("/anon").target);
        assertThrows(IllegalArgumentException.class, () -> DockerSyntax.parseVolume("/a:/b:ro:x"));
    }

    @Test
    void cpusAreRationalNumbers() {
        assertEquals(1_500_000_000L, DockerSyntax.parseCpus("1.5"));
        assertEquals(500_000_000L, DockerSyntax.parseCpus("1/2"));
        assertThrows(IllegalArgumentException.class, () -> DockerSyntax.parseCpus("0.0000000001"));
    }

    @Test
    void imagesAreTaggedAsDockersClientTagsThem() {
        assertEquals("redis:latest", ImageReference.withDefaultTag("redis"));
        assertEquals("redis:latest", ImageReference.withDefaultTag("docker.io/library/redis"));
        assertEquals("localhost:5000/app:latest", ImageReference.withDefaultTag("localhost:5000/app"));
        assertEquals("app:1.0", ImageReference.withDefaultTag("app:1.0"));
        assertEquals("Bad/Name", ImageReference.withDefaultTag("Bad/Name"));
    }
}
