package io.swarmops.ops.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.testing.FakeEngine;
import io.swarmops.ops.testing.FakeEngine.Request;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link EngineGateway} puts on the wire, seen by a fake Engine that records requests. */
class EngineGatewayRequestTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void distributionLookupSendsTheCredentialsAndEncodesTheReference() throws Exception {
        try (FakeEngine engine = FakeEngine.start();
             EngineGateway gw = EngineGateway.connect(ConnectionOptions.forHost(engine.host()))) {
            engine.on("GET", "/distribution/.*/json", 200, "{\"Descriptor\":{\"digest\":\"" + DIGEST + "\"}}");
            RegistryAuth auth = new RegistryAuth("registry.example:5000", "deployer", "s3cr3t/+=?", null);

            JsonNode d = gw.distribution("registry.example:5000/team/app:1.2", auth);

            assertEquals(DIGEST, d.path("Descriptor").path("digest").asText());
            List<Request> sent = engine.requests("GET", "/distribution/.*/json");
            assertEquals(1, sent.size());
            // path encoding as Go's url.URL gives docker's client: '/', ':' and '@' stay, the rest is escaped
            assertEquals("/distribution/registry.example:5000/team/app:1.2/json", sent.get(0).rawPath());
            String sentAuth = sent.get(0).header("X-Registry-Auth");
            assertNotNull(sentAuth, "no X-Registry-Auth on the distribution lookup");
            JsonNode header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(sentAuth));
            assertEquals("deployer", header.path("username").asText());
            assertEquals("s3cr3t/+=?", header.path("password").asText());
            assertEquals("registry.example:5000", header.path("serveraddress").asText());
        }
    }

    @Test
    void aReferenceCannotAddPathSegmentsOrAQuery() {
        try (FakeEngine engine = FakeEngine.start();
             EngineGateway gw = EngineGateway.connect(ConnectionOptions.forHost(engine.host()))) {
            engine.on("GET", "/distribution/.*/json", 200, "{}");

            gw.distribution("app:1 2?x=y#z%", null);

            Request r = engine.requests().get(engine.requests().size() - 1);
            assertEquals("/distribution/app:1%202%3Fx=y%23z%25/json", r.rawPath());
            assertNull(r.rawQuery());
            assertNull(r.header("X-Registry-Auth"));
        }
    }

    @Test
    void containerStatsAsksForOneSampleAtOnce() {
        try (FakeEngine engine = FakeEngine.start();
             EngineGateway gw = EngineGateway.connect(ConnectionOptions.forHost(engine.host()))) {
            engine.on("GET", "/containers/.*/stats", 200, "{\"read\":\"2026-12-02T06:00:00Z\",\"cpu_stats\":{\"cpu_usage\":"
                    + "{\"total_usage\":123}},\"memory_stats\":{\"usage\":2048,\"stats\":{\"inactive_file\":1024}}}");

            var s = gw.containerStats("c0ffee");

            assertEquals(123, s.cpuTotalNanos());
            assertEquals(1024, s.memoryBytes());
            Request r = engine.requests("GET", "/containers/.*/stats").get(0);
            assertEquals("/containers/c0ffee/stats", r.rawPath());
            assertEquals("stream=false&one-shot=true", r.rawQuery());
        }
    }
}
