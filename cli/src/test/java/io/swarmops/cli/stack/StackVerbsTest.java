package io.swarmops.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.compose.StackSpecs;
import io.swarmops.ops.SwarmOpsException;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stack rm, ps, services, config, wait} on a stub daemon (the tables themselves: ListTablesTest's golden files). */
class StackVerbsTest {
    /** Objects of stacks by kind, found by the namespace label as the Engine filters them; records removals. */
    static class Stacks extends StubGateway {
        final Map<String, SwarmObject> services = new LinkedHashMap<>();
        final Map<String, SwarmObject> networks = new LinkedHashMap<>();
        final Map<String, SwarmObject> secrets = new LinkedHashMap<>();
        final Map<String, SwarmObject> configs = new LinkedHashMap<>();
        final List<String> removed = new ArrayList<>();
        final List<Task> tasks = new ArrayList<>();

        Stacks add(Map<String, SwarmObject> kind, String id, String stack, String name) {
            ObjectNode o = Json.object();
            o.put("ID", id);
            o.putObject("Version").put("Index", 1);
            ObjectNode spec = o.putObject("Spec").put("Name", stack + "_" + name);
            spec.putObject("Labels").put(StackSpecs.NAMESPACE_LABEL, stack);
            spec.putObject("Mode").putObject("Replicated").put("Replicas", 1);
            spec.putObject("TaskTemplate").putObject("ContainerSpec").put("Image", "swarmops/busybox:latest");
            kind.put(id, SwarmObject.from(o));
            return this;
        }

        private static List<SwarmObject> inStack(Map<String, SwarmObject> kind, Map<String, List<String>> filters) {
            String want = filters.get("label").get(0);
            String stack = want.substring(want.indexOf('=') + 1);
            return kind.values().stream().filter(o -> stack.equals(o.labels().get(StackSpecs.NAMESPACE_LABEL))).toList();
        }

        private void remove(Map<String, SwarmObject> kind, String what, String id) {
            if (kind.remove(id) == null) {
                throw SwarmOpsException.notFound(what, id);
            }
            removed.add(what + " " + id);
        }

        @Override
        public List<Service> services(Map<String, List<String>> filters) {
            return inStack(services, filters).stream().map(o -> Service.from(o.raw())).toList();
        }

        @Override
        public List<SwarmObject> networks(Map<String, List<String>> filters) {
            return inStack(networks, filters);
        }

        @Override
        public List<SwarmObject> secrets(Map<String, List<String>> filters) {
            return inStack(secrets, filters);
        }

        @Override
        public List<SwarmObject> configs(Map<String, List<String>> filters) {
            return inStack(configs, filters);
        }

        @Override
        public void removeService(String id) {
            remove(services, "service", id);
        }

        @Override
        public void removeNetwork(String id) {
            remove(networks, "network", id);
        }

        @Override
        public void removeSecret(String id) {
            remove(secrets, "secret", id);
        }

        @Override
        public void removeConfig(String id) {
            remove(configs, "config", id);
        }

        @Override
        public List<Task> tasks(Map<String, List<String>> filters) {
            return tasks.stream().filter(t -> !filters.containsKey("service") || filters.get("service").contains(t.serviceId())).toList();
        }
    }

    static Stacks demo() {
        Stacks g = new Stacks();
        g.add(g.services, "s-web", "demo", "web").add(g.services, "s-db", "demo", "db").add(g.services, "s-other", "other", "web");
        g.add(g.networks, "n-default", "demo", "default").add(g.secrets, "x-pw", "demo", "pw").add(g.configs, "c-conf", "demo", "conf");
        return g;
    }

    @Test
    void rmRemovesServicesSecretsConfigsThenNetworksOfThatStackOnly() {
        Stacks g = demo();
        CliRun r = CliRun.run(g, "stack", "rm", "demo");
        assertEquals(0, r.code(), r.err());
        assertEquals("Removing service demo_db\nRemoving service demo_web\nRemoving secret demo_pw\nRemoving config demo_conf\n"
                + "Removing network demo_default\n", r.out());
        assertEquals(List.of("service s-db", "service s-web", "secret x-pw", "config c-conf", "network n-default"), g.removed);
        assertEquals(List.of("s-other"), List.copyOf(g.services.keySet()), "the other stack stays");
    }

    @Test
    void rmOfNothingSaysSoAndSucceeds() {
        Stacks g = demo();
        CliRun r = CliRun.run(g, "stack", "rm", "-d", "none");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("Nothing found in stack: none\n", r.err());
        assertTrue(g.removed.isEmpty());
    }

    @Test
    void rmGoesOnAfterAFailureAndExitsNonZero() {
        Stacks g = new Stacks() {
            @Override
            public void removeSecret(String id) {
                throw new SwarmOpsException(SwarmOpsException.Kind.CONFLICT, "secret is in use by service x");
            }
        };
        g.add(g.services, "s-web", "demo", "web").add(g.secrets, "x-pw", "demo", "pw").add(g.configs, "c-conf", "demo", "conf");
        CliRun r = CliRun.run(g, "stack", "rm", "-d", "demo");
        assertEquals(ExitCodes.FAILED, r.code(), r.out() + r.err());
        assertEquals(List.of("service s-web", "config c-conf"), g.removed);
        assertTrue(r.err().contains("Failed to remove secret demo_pw: secret is in use by service x"), r.err());
    }

    @Test
    void psOfAnEmptyStackIsNotFound() {
        StubGateway g = new StubGateway() {
            @Override
            public List<Task> tasks(Map<String, List<String>> filters) {
                assertEquals(List.of(StackSpecs.NAMESPACE_LABEL + "=none"), filters.get("label"));
                return List.of();
            }
        };
        CliRun r = CliRun.run(g, "stack", "ps", "none");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("nothing found in stack: none"), r.err());
    }

    @Test
    void servicesOfAnEmptyStackIsNotFound() {
        CliRun r = CliRun.run(demo(), "stack", "services", "none");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("Nothing found in stack: none"), r.err());
    }

    @Test
    void waitSucceedsWhenEveryServiceRuns() {
        Stacks g = demo();
        g.tasks.add(Fixtures.task("t1", "s-web", "n1", 1, "running"));
        g.tasks.add(Fixtures.task("t2", "s-db", "n1", 1, "running"));
        CliRun r = CliRun.run(g, "stack", "wait", "demo");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("stack demo: all 2 services converged"), r.err());
    }

    @Test
    void waitFailsAtTheDeadlineSayingWhatIsPending() {
        Stacks g = demo();
        g.tasks.add(Fixtures.task("t1", "s-web", "n1", 1, "running"));
        g.tasks.add(Fixtures.task("t2", "s-db", "n1", 1, "preparing"));
        CliRun r = CliRun.run(g, "stack", "wait", "--timeout", "0s", "demo");
        assertEquals(ExitCodes.FAILED, r.code(), r.err());
        assertTrue(r.err().contains("demo_db 0/1"), r.err());
    }

    @Test
    void waitOfNoStackIsNotFound() {
        CliRun r = CliRun.run(demo(), "stack", "wait", "none");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("none"), r.err());
    }

    @Test
    void configPrintsTheMergedInterpolatedFile(@TempDir Path dir) throws Exception {
        Path base = Files.writeString(dir.resolve("base.yml"), """
                services:
                  web:
                    image: "nginx:${TAG:-1.25}"
                    deploy:
                      replicas: 2
                """);
        Path override = Files.writeString(dir.resolve("prod.yml"), """
                services:
                  web:
                    deploy:
                      replicas: 5
                """);
        CliRun r = CliRun.run(new StubGateway(), "stack", "config", "-c", base.toString(), "-c", override.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("image: nginx:1.25"), r.out());
        assertTrue(r.out().contains("replicas: 5") && !r.out().contains("replicas: 2"), r.out());
    }

    @Test
    void configOfAMissingFileIsOneLine(@TempDir Path dir) {
        CliRun r = CliRun.run(new StubGateway(), "stack", "config", "-c", dir.resolve("nope.yml").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("nope.yml"), r.err());
    }
}
