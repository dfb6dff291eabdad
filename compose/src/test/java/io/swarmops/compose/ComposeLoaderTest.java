package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.compose.model.ComposeConfig;
import io.swarmops.compose.model.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeLoaderTest {
    private static final Path DIR = Path.of("/srv/stack");

    static ComposeProject load(String yaml, Map<String, String> env) {
        return ComposeLoader.load(DIR, List.of(new ComposeLoader.Source("stack.yml", yaml)), env);
    }

    static ServiceConfig service(String yaml) {
        return load(yaml, Map.of()).config().services.get("web");
    }

    @Test
    void yamlScalarsResolveAsDockersParserResolvesThem() {
        ServiceConfig s = service("""
                services:
                  web:
                    image: x
                    ports: [22:22]
                    environment:
                      ON: on
                      YES: yes
                      OCTAL: 0440
                      UNDERSCORE: 1_000
                      FLOAT: 1.10
                      BIG: 1e6
                      DATE: 2001-12-14
                      NULLISH: ~
                    secrets:
                      - source: s
                        mode: 0440
                secrets:
                  s:
                    file: ./s.txt
                """);
        assertEquals("on", s.environment.get("ON"));
        assertEquals("yes", s.environment.get("YES"));
        assertEquals("288", s.environment.get("OCTAL"));
        assertEquals("1000", s.environment.get("UNDERSCORE"));
        assertEquals("1.1", s.environment.get("FLOAT"));
        assertEquals("1e+06", s.environment.get("BIG"));
        assertEquals("2001-12-14 00:00:00 +0000 UTC", s.environment.get("DATE"));
        assertEquals(null, s.environment.get("NULLISH"));
        assertTrue(s.environment.containsKey("NULLISH"));
        assertEquals(22, s.ports.get(0).target());
        assertEquals(22, s.ports.get(0).published());
        assertEquals(288L, s.secrets.get(0).mode());
    }

    @Test
    void yesIsNotABooleanForDocker() {
        ComposeException e = assertThrows(ComposeException.class, () -> service("""
                services:
                  web:
                    image: x
                    tty: yes
                """));
        assertEquals("stack.yml:4: services.web.tty: must be a boolean", e.getMessage());
    }

    @Test
    void anchorsAndMergeKeysKeepExplicitKeysAndTheFirstMergedMap() {
        ComposeConfig c = load("""
                x-a: &a
                  image: from-a
                  user: a
                x-b: &b
                  image: from-b
                  working_dir: /b
                services:
                  web:
                    <<: [*a, *b]
                    user: explicit
                """, Map.of()).config();
        ServiceConfig s = c.services.get("web");
        assertEquals("from-a", s.image);
        assertEquals("explicit", s.user);
        assertEquals("/b", s.workingDir);
        assertTrue(c.extras.containsKey("x-a"));
    }

    @Test
    void durationsSizesAndShellWords() {
        ServiceConfig s = service("""
                services:
                  web:
                    image: x
                    command: echo "hello world" 'a b' c\\ d
                    stop_grace_period: 1m30s
                    deploy:
                      resources:
                        limits:
                          memory: 64M
                """);
        assertEquals(List.of("echo", "hello world", "a b", "c d"), s.command);
        assertEquals(90_000_000_000L, s.stopGracePeriod);
        assertEquals(64L * 1024 * 1024, s.deploy.limits.memoryBytes);
    }

    @Test
    void interpolationFormsAndCasts() {
        Map<String, String> env = Map.of("SET", "v", "EMPTY", "", "TTY", "yes", "N", "3");
        ServiceConfig s = load("""
                services:
                  web:
                    image: "$SET ${SET} ${UNSET:-d1} ${EMPTY:-d2} ${EMPTY-d3} ${UNSET-d4} ${SET:?e} ${EMPTY?e} $$SET"
                    tty: ${TTY}
                    deploy:
                      replicas: ${N}
                """, env).config().services.get("web");
        assertEquals("v v d1 d2  d4 v  $SET", s.image);
        assertTrue(s.tty);
        assertEquals(3L, s.deploy.replicas);
    }

    @Test
    void aMissingRequiredVariableNamesFileLineAndKey() {
        ComposeException e = assertThrows(ComposeException.class, () -> load("""
                services:
                  web:
                    image: ${TAG:?set TAG to the release}
                """, Map.of()));
        assertEquals("stack.yml:3: services.web.image: required variable TAG is missing a value: set TAG to the release",
                e.getMessage());
    }

    @Test
    void anUnknownKeyNamesFileLineAndKey() {
        ComposeException e = assertThrows(ComposeException.class, () -> service("""
                services:
                  web:
                    image: x
                    deploy:
                      replicas: 2
                      replica: 3
                """));
        assertEquals("stack.yml:6: services.web.deploy.replica: additional property replica is not allowed", e.getMessage());
    }

    @Test
    void aSyntaxErrorNamesFileAndLine() {
        ComposeException e = assertThrows(ComposeException.class, () -> service("""
                services:
                  web:
                    image: [x
                """));
        assertTrue(e.getMessage().startsWith("stack.yml:4: yaml syntax error"), e.getMessage());
    }

    @Test
    void aDuplicateKeyIsRefusedAsGoYamlRefusesIt() {
        ComposeException e = assertThrows(ComposeException.class, () -> service("""
                services:
                  web:
                    image: x
                    image: y
                """));
        assertEquals("stack.yml:4: services.web.image: mapping key \"image\" already defined at line 3", e.getMessage());
    }

    @Test
    void unsupportedAndDeprecatedKeysAreWarnedAsDockerWarns() {
        ComposeProject p = load("""
                services:
                  web:
                    image: x
                    build: .
                    restart: always
                    container_name: web
                """, Map.of());
        assertEquals("Ignoring unsupported options: build, restart", p.warnings().get(0));
        assertEquals("Ignoring deprecated options:\n\ncontainer_name: Setting the container name is not supported.", p.warnings().get(1));
    }

    @Test
    void forbiddenKeysStopTheLoad() {
        ComposeException e = assertThrows(ComposeException.class, () -> service("""
                services:
                  web:
                    image: x
                    volumes_from: [db]
                """));
        assertTrue(e.getMessage().startsWith("stack.yml:4: services.web.volumes_from: Compose file contains unsupported options"));
    }

    @Test
    void anUnsupportedVersionIsRefused() {
        ComposeException e = assertThrows(ComposeException.class, () -> load("version: \"2\"\nservices: {}\n", Map.of()));
        assertEquals("stack.yml:1: version: unsupported Compose file version: 2", e.getMessage());
    }

    @Test
    void laterFilesOverrideAndAppendAsDockerMerges() {
        ComposeProject p = ComposeLoader.load(DIR, List.of(
                new ComposeLoader.Source("a.yml", """
                        services:
                          web:
                            image: a
                            command: [one]
                            cap_add: [NET_ADMIN]
                            environment: {A: "1", B: "1"}
                            ports: ["80:80", "81:81"]
                            deploy: {replicas: 1}
                        """),
                new ComposeLoader.Source("b.yml", """
                        services:
                          web:
                            command: [two]
                            cap_add: [SYS_TIME]
                            environment: {B: "2"}
                            ports: ["80:80", "79:79"]
                            deploy: {replicas: 3}
                        """)), Map.of());
        ServiceConfig s = p.config().services.get("web");
        assertEquals("a", s.image);
        assertEquals(List.of("two"), s.command);
        assertEquals(List.of("NET_ADMIN", "SYS_TIME"), s.capAdd);
        assertEquals(Map.of("A", "1", "B", "2"), s.environment);
        assertEquals(List.of(79L, 80L, 81L), s.ports.stream().map(ServiceConfig.PortConfig::published).toList());
        assertEquals(3L, s.deploy.replicas);
    }

    @Test
    void aMissingSecretFileFailsAtConversionNamingTheFileAndLine() {
        ComposeProject p = load("""
                services:
                  web:
                    image: x
                    secrets: [s]
                secrets:
                  s:
                    file: ./missing.txt
                """, Map.of());
        ComposeException e = assertThrows(ComposeException.class, () -> new StackConverter("st").convert(p.config()));
        assertEquals("stack.yml:7: secrets.s.file: open /srv/stack/missing.txt: no such file or directory", e.getMessage());
    }

    @Test
    void filesTheComposeFileNamesAreReadUpToSwarmsLimits(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("secret.big"), new byte[500 * 1024 + 1]);
        Files.write(dir.resolve("secret.max"), new byte[500 * 1024]);
        Files.write(dir.resolve("config.big"), new byte[1000 * 1024 + 1]);
        String yaml = """
                services:
                  web:
                    image: x
                    secrets: [s]
                    configs: [c]
                secrets:
                  s:
                    file: %s
                configs:
                  c:
                    file: %s
                """;
        StackConverter st = new StackConverter("st");
        for (String[] c : List.of(new String[] {"/dev/zero", "./secret.max", "stack.yml:8: secrets.s.file: /dev/zero is larger than 500 KB, Swarm's limit for a secret"},
                new String[] {"./secret.big", "./secret.max", "stack.yml:8: secrets.s.file: " + dir.resolve("secret.big")
                        + " is larger than 500 KB, Swarm's limit for a secret"},
                new String[] {"./secret.max", "/dev/zero", "stack.yml:11: configs.c.file: /dev/zero is larger than 1000 KB, Swarm's limit for a config"},
                new String[] {"./secret.max", "./config.big", "stack.yml:11: configs.c.file: " + dir.resolve("config.big")
                        + " is larger than 1000 KB, Swarm's limit for a config"})) {
            ComposeProject p = ComposeLoader.load(dir, List.of(new ComposeLoader.Source("stack.yml", yaml.formatted(c[0], c[1]))), Map.of());
            ComposeException e = assertThrows(ComposeException.class, () -> st.convert(p.config()));
            assertEquals(c[2], e.getMessage());
        }
        // at the limit: converted
        ComposeProject ok = ComposeLoader.load(dir, List.of(new ComposeLoader.Source("stack.yml", yaml.formatted("./secret.max", "./secret.max"))), Map.of());
        assertEquals(1, st.convert(ok.config()).secrets().size());
    }

    @Test
    void anEnvFileOrAComposeFileThatNeverEndsIsOneLine(@TempDir Path dir) throws Exception {
        ComposeException env = assertThrows(ComposeException.class, () -> ComposeLoader.load(dir, List.of(new ComposeLoader.Source("stack.yml", """
                services:
                  web:
                    image: x
                    env_file: /dev/zero
                """)), Map.of()));
        assertEquals("stack.yml:4: services.web.env_file: /dev/zero is larger than 1 MB, swarmops' limit for an env file", env.getMessage());
        ComposeException compose = assertThrows(ComposeException.class, () -> ComposeLoader.load(List.of(Path.of("/dev/zero")), Map.of()));
        assertEquals("/dev/zero: larger than 16 MB, swarmops' limit for a compose file", compose.getMessage());
    }

    @Test
    void conversionNamesLabelsAndAliasesAsDockerDoes() {
        ComposeProject p = load("""
                services:
                  web:
                    image: redis
                    networks:
                      front:
                        aliases: [www]
                networks:
                  front:
                """, Map.of());
        StackSpecs specs = new StackConverter("st").convert(p.config());
        JsonNode svc = specs.services().get("web");
        assertEquals("st_web", svc.path("Name").asText());
        assertEquals("st", svc.path("Labels").path("com.docker.stack.namespace").asText());
        assertEquals("redis", svc.path("Labels").path("com.docker.stack.image").asText());
        assertEquals("st_front", svc.path("TaskTemplate").path("Networks").get(0).path("Target").asText());
        assertEquals("[\"www\",\"web\"]", svc.path("TaskTemplate").path("Networks").get(0).path("Aliases").toString());
        assertEquals("overlay", specs.networks().get("st_front").path("Driver").asText());
    }

    @Test
    void hostIpsOfShortPortsAreWarnedAboutAsDockerDoesOncePerBinding() {
        ComposeProject p = load("""
                services:
                  web:
                    image: x
                    ports:
                      - "127.0.0.1:7001:7001"
                      - "0.0.0.0:80:80"
                      - "[::1]:8000-8001:8000-8001/udp"
                      - "10.0.0.1:9000-9002:90"
                """, Map.of());
        assertEquals(List.of(
                "ignoring IP-address (127.0.0.1:7001:7001/tcp) service will listen on '0.0.0.0'",
                "ignoring IP-address ([::1]:8000:8000/udp) service will listen on '0.0.0.0'",
                "ignoring IP-address ([::1]:8001:8001/udp) service will listen on '0.0.0.0'",
                "ignoring IP-address (10.0.0.1:9000-9002:90/tcp) service will listen on '0.0.0.0'"), p.warnings());
        assertEquals(7, p.config().services.get("web").ports.size());
    }

    @Test
    void keysNewerThanTheFilesVersionAreRefusedAsThatVersionsSchemaRefusesThem() {
        ComposeException e = assertThrows(ComposeException.class, () -> load("""
                version: "3.3"
                x-common: &c
                  image: x
                services:
                  web:
                    <<: *c
                """, Map.of()));
        assertEquals("stack.yml:2: x-common: additional property x-common is not allowed", e.getMessage());
        e = assertThrows(ComposeException.class, () -> load("""
                version: "3.6"
                services:
                  web:
                    image: x
                    init: true
                """, Map.of()));
        assertEquals("stack.yml:5: services.web.init: additional property init is not allowed", e.getMessage());
        e = assertThrows(ComposeException.class, () -> load("""
                version: "3.7"
                services:
                  web:
                    image: x
                    deploy:
                      placement:
                        max_replicas_per_node: 1
                """, Map.of()));
        assertEquals("stack.yml:7: services.web.deploy.placement.max_replicas_per_node: additional property max_replicas_per_node"
                + " is not allowed", e.getMessage());
        e = assertThrows(ComposeException.class, () -> load("""
                version: "3.1"
                services:
                  web:
                    image: x
                    ports:
                      - target: 80
                """, Map.of()));
        assertEquals("stack.yml:6: services.web.ports[0]: must be a string or number", e.getMessage());
        e = assertThrows(ComposeException.class, () -> load("""
                version: "3.0"
                services:
                  web:
                    image: x
                    volumes: [/a:/a, /a:/a]
                """, Map.of()));
        assertEquals("stack.yml:5: services.web.volumes: array items[0,1] must be unique", e.getMessage());
        e = assertThrows(ComposeException.class, () -> load("""
                version: "3.4"
                services:
                  web:
                    image: x
                    x-extra: 1
                """, Map.of()));
        assertEquals("stack.yml:5: services.web.x-extra: additional property x-extra is not allowed", e.getMessage());
        // where the version has them, and names that only look like keys, pass
        load("""
                version: "3.7"
                x-common: 1
                services:
                  init:
                    image: x
                    init: true
                    x-extra: 1
                    labels: {x-label: "1"}
                    networks: {name: {}}
                    deploy: {rollback_config: {order: start-first}}
                networks:
                  name:
                    name: fixed
                """, Map.of());
    }

    @Test
    void portsOfSeveralFilesAreMergedByPublishedPortAsDocker28MergesThem() {
        ComposeProject p = ComposeLoader.load(DIR, List.of(
                new ComposeLoader.Source("a.yml", """
                        services:
                          web:
                            image: a
                            ports: ["888:8080", "80:80", "7000", "7001"]
                        """),
                new ComposeLoader.Source("b.yml", """
                        services:
                          web:
                            ports:
                              - target: 8081
                                published: 888
                              - "9001"
                        """)), Map.of());
        List<ServiceConfig.PortConfig> ports = p.config().services.get("web").ports;
        assertEquals(List.of(new ServiceConfig.PortConfig("ingress", "", 9001, 0, "tcp"), new ServiceConfig.PortConfig("ingress", "", 80, 80, "tcp"),
                new ServiceConfig.PortConfig("", "", 8081, 888, "")), ports);
    }
}
