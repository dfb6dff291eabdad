package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.compose.StackDeployPlan.UpdateService;
import io.swarmops.compose.StackDeployPlanner.ResolveImage;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SpecUpdates;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.testing.StubGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Deploys over a service that exists: what is sent, when nothing is, and what a concurrent change does. */
class StackDeployerTest {
    private static final String V1 = """
            services:
              web:
                image: swarmops/busybox
                command: ["sleep", "3600"]
                environment: [ROUND=1]
                labels: [team=core]
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 5s
                deploy:
                  labels: [tier=front]
                  resources:
                    limits: {memory: 64M}
            """;

    private static StackSpecs convert(String yaml) {
        ComposeProject p = ComposeLoader.load(Path.of("/srv/st"), List.of(new ComposeLoader.Source("stack.yml", yaml)), Map.of());
        return new StackConverter("st").convert(p.config());
    }

    /** The service as the daemon keeps it after a deploy of {@code yaml}: its spec, an ID, a version. */
    private static Service stored(String yaml, long version, long forceUpdate) {
        ObjectNode raw = Json.object().put("ID", "svc1");
        raw.putObject("Version").put("Index", version);
        ObjectNode spec = convert(yaml).services().get("web").deepCopy();
        ((ObjectNode) spec.path("TaskTemplate")).put("ForceUpdate", forceUpdate);
        ((ObjectNode) spec.path("TaskTemplate").path("ContainerSpec")).put("Image", "swarmops/busybox:latest@sha256:0123");
        raw.set("Spec", spec);
        return Service.from(raw);
    }

    /** One stack service; each refused write stands for someone else's change that moved its version. */
    static final class OneService extends StubGateway {
        Service service;
        int refusals;
        final List<Long> tried = new ArrayList<>();
        final List<ObjectNode> written = new ArrayList<>();

        OneService(Service service) {
            this.service = service;
        }

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return List.of(service);
        }

        @Override
        public Service service(String reference) {
            return service;
        }

        @Override
        public List<SwarmObject> networks(Map<String, List<String>> filters) {
            return List.of();
        }

        @Override
        public List<SwarmObject> secrets(Map<String, List<String>> filters) {
            return List.of();
        }

        @Override
        public List<SwarmObject> configs(Map<String, List<String>> filters) {
            return List.of();
        }

        @Override
        public String createNetwork(ObjectNode request) {
            return "net1";
        }

        @Override
        public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> warnings) {
            tried.add(version);
            if (version != service.version() || refusals > 0) {
                if (refusals > 0) {
                    refusals--;
                    // someone else: `docker service update --force` in between
                    ObjectNode raw = service.raw().deepCopy();
                    ObjectNode tt = (ObjectNode) raw.with("Spec").with("TaskTemplate");
                    tt.put("ForceUpdate", tt.path("ForceUpdate").asLong() + 1);
                    raw.putObject("Version").put("Index", service.version() + 1);
                    service = Service.from(raw);
                }
                throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, "rpc error: code = Unknown desc = update out of sequence");
            }
            written.add(spec);
        }
    }

    private static List<String> deploy(OneService swarm, String yaml, List<String> err) {
        StackDeployPlan plan = StackDeployPlanner.plan(convert(yaml), StackState.read(swarm, "st"), false, ResolveImage.NEVER);
        List<String> out = new ArrayList<>();
        new StackDeployer(swarm, null, ResolveImage.NEVER, out::add, err::add).execute(plan);
        return out;
    }

    private static UpdateService updateOf(OneService swarm, String yaml) {
        StackDeployPlan plan = StackDeployPlanner.plan(convert(yaml), StackState.read(swarm, "st"), false, ResolveImage.NEVER);
        return plan.steps().stream().filter(UpdateService.class::isInstance).map(UpdateService.class::cast).findFirst().orElseThrow();
    }

    @Test
    void anUnchangedServiceIsNotWritten() {
        OneService swarm = new OneService(stored(V1, 10, 0));
        List<String> out = deploy(swarm, V1, new ArrayList<>());
        assertTrue(swarm.tried.isEmpty(), "nothing sent: " + swarm.tried);
        assertTrue(out.contains("Service st_web unchanged (id: svc1)"), out.toString());
    }

    @Test
    void removingAHealthcheckAMemoryLimitOrALabelUpdatesTheService() {
        for (String[] removal : new String[][] {
                {"    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 5s\n",
                        "- TaskTemplate.ContainerSpec.Healthcheck.Interval: 5000000000"},
                {"      resources:\n        limits: {memory: 64M}\n", "- TaskTemplate.Resources.Limits.MemoryBytes: 67108864"},
                {"      labels: [tier=front]\n", "- Labels.tier: \"front\""},
                {"    labels: [team=core]\n", "- TaskTemplate.ContainerSpec.Labels.team: \"core\""}}) {
            String v2 = V1.replace(removal[0], "");
            assertTrue(!v2.equals(V1), "the file loses " + removal[0]);
            OneService swarm = new OneService(stored(V1, 10, 0));
            List<String> changes = updateOf(swarm, v2).changes().stream().map(Object::toString).toList();
            assertTrue(changes.contains(removal[1]), removal[1] + " in " + changes);

            deploy(swarm, v2, new ArrayList<>());
            assertEquals(List.of(10L), swarm.tried, "the deploy updates the service: " + removal[1]);
            ObjectNode sent = swarm.written.get(0);
            String path = removal[1].substring(2, removal[1].indexOf(':')).replace('.', '/').replaceAll("\\[(\\d+)]", "/$1");
            assertTrue(sent.at("/" + path).isMissingNode(), path + " is not sent: " + sent);
        }
    }

    @Test
    void anUpdateOutOfSequenceIsPlannedAgainOnTheFreshServiceKeepingTheOtherChange() {
        OneService swarm = new OneService(stored(V1, 10, 0));
        swarm.refusals = 1;
        List<String> err = new ArrayList<>();

        List<String> out = deploy(swarm, V1.replace("ROUND=1", "ROUND=2"), err);

        assertEquals(List.of(10L, 11L), swarm.tried, "read again: the second write carries the fresh version");
        ObjectNode sent = swarm.written.get(0);
        assertEquals(1, sent.at("/TaskTemplate/ForceUpdate").asLong(), "someone else's forced update is kept, not undone: " + sent);
        assertEquals("ROUND=2", sent.at("/TaskTemplate/ContainerSpec/Env/0").asText(), "the file's change: " + sent);
        assertEquals("swarmops/busybox:latest@sha256:0123", sent.at("/TaskTemplate/ContainerSpec/Image").asText(), "the pinned digest kept");
        assertEquals(List.of("service st_web changed while updating (update out of sequence): read again, attempt 2 of 5"), err);
        assertEquals(2, out.stream().filter(l -> l.startsWith("Updating service st_web")).count(), out.toString());
    }

    @Test
    void aServiceThatKeepsChangingIsGivenUpOnAfterTheLastAttempt() {
        OneService swarm = new OneService(stored(V1, 10, 0));
        swarm.refusals = 100;
        List<String> err = new ArrayList<>();

        SwarmOpsException e = assertThrows(SwarmOpsException.class, () -> deploy(swarm, V1.replace("ROUND=1", "ROUND=2"), err));

        assertEquals(SwarmOpsException.Kind.CONFLICT, e.kind());
        assertEquals("failed to update service st_web: service st_web kept changing while updating (update out of sequence): "
                + "gave up after 5 attempts", e.getMessage());
        assertEquals(SpecUpdates.ATTEMPTS, swarm.tried.size(), "bounded: " + swarm.tried);
        assertEquals(SpecUpdates.ATTEMPTS - 1, err.size(), err.toString());
        assertTrue(swarm.written.isEmpty());
    }
}
