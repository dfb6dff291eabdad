package io.swarmops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmops.ops.engine.EngineGateway;
import io.swarmops.ops.model.Json;
import io.swarmops.ops.testing.FakeEngine;
import io.swarmops.ops.testing.FakeEngine.Answer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Credentials never appear in output or logs": {@code stack deploy}, {@code service create} and
 * {@code service update} with {@code --with-registry-auth --debug}, run as an operator runs them (a
 * child JVM with its own PATH, HOME and DOCKER_CONFIG), with the credentials in {@code auths}, in a
 * {@code credsStore} helper and in {@code credHelpers}, against a fake Engine that records what it
 * was sent and refuses: the registry lookup fails, the daemon refuses the create and the update.
 * Neither the password, nor its base64, nor the X-Registry-Auth value the Engine received may
 * appear in stdout, stderr or any file the runs wrote; what was sent is decoded and checked.
 */
class CredentialsNeverShownIT {
    static final String USER = "deployer";
    static final String PASSWORD = "Pw-7d1f-c0rrect-h0rse";
    static final String REGISTRY = "registry.example:5000";
    static final String IMAGE = REGISTRY + "/team/app:1";

    @TempDir
    static Path root;
    static FakeEngine engine;

    /** Runs several command lines through {@link Main#run} in one JVM (each ends with "exit=N" on stdout). */
    public static final class ManyRuns {
        public static void main(String[] args) {
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
            List<String> one = new ArrayList<>();
            for (String a : Stream.concat(Arrays.stream(args), Stream.of("--then")).toList()) {
                if (!a.equals("--then")) {
                    one.add(a);
                    continue;
                }
                int code = Main.run(out, err, EngineGateway::connect, new CliRun.NoTerminal(), one.toArray(new String[0]));
                out.println("exit=" + code);
                one.clear();
            }
            out.flush();
            err.flush();
        }
    }

    @BeforeAll
    static void engine() {
        engine = FakeEngine.start()
                .on("GET", "/info", 200, "{\"Swarm\":{\"NodeID\":\"n1\",\"LocalNodeState\":\"active\",\"ControlAvailable\":true}}")
                .on("GET", "/(services|networks|secrets|configs|tasks)", 200, "[]")
                .on("POST", "/networks/create", 201, "{\"Id\":\"net1\"}")
                .on("GET", "/distribution/.*/json", r -> Answer.error(500, "Get \"https://" + REGISTRY + "/v2/\": dial tcp: connection refused"))
                .on("POST", "/services/create", r -> Answer.error(500, "rpc error: code = Unknown desc = the daemon refuses"))
                .on("GET", "/services/[^/]+", 200, """
                        {"ID":"svc1","Version":{"Index":7},"Spec":{"Name":"web","Labels":{},
                         "TaskTemplate":{"ContainerSpec":{"Image":"%s"}},"Mode":{"Replicated":{"Replicas":1}}}}
                        """.formatted(IMAGE))
                .on("POST", "/services/[^/]+/update", r -> Answer.error(500, "rpc error: code = Unknown desc = the daemon refuses the update"));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** What one format of config.json holds, with the helpers it needs on PATH. */
    private record Setup(Path dir, Map<String, String> env) {
    }

    private static Setup setup(String name, String config, Map<String, String> helpers) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path docker = Files.createDirectories(dir.resolve("docker-config"));
        Files.writeString(docker.resolve("config.json"), config);
        for (Map.Entry<String, String> h : helpers.entrySet()) {
            Path p = bin.resolve("docker-credential-" + h.getKey());
            Files.writeString(p, "#!/bin/sh\n" + h.getValue());
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        }
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(dir.resolve("work"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("work").resolve("stack.yml"), "version: \"3.8\"\nservices:\n  web:\n    image: " + IMAGE + "\n");
        return new Setup(dir, Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", dir.resolve("home").toString(),
                "DOCKER_CONFIG", docker.toString(), "XDG_STATE_HOME", dir.resolve("home/state").toString(),
                "XDG_CONFIG_HOME", dir.resolve("home/config").toString()));
    }

    /** The three commands, each with --with-registry-auth --debug, in one child JVM; returns its stdout + stderr. */
    private static String runAll(Setup s) throws Exception {
        String h = engine.host();
        return child(s, List.of("-H", h, "--debug", "stack", "deploy", "--with-registry-auth", "-c", "stack.yml", "st", "--then",
                "-H", h, "--debug", "service", "create", "--with-registry-auth", "--name", "web", IMAGE, "--then",
                "-H", h, "--debug", "service", "update", "--with-registry-auth", "--image", REGISTRY + "/team/app:2", "web"));
    }

    private static String child(Setup s, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Duser.home=" + s.dir().resolve("home"), "-Djava.io.tmpdir=" + s.dir().resolve("tmp"),
                "-cp", System.getProperty("java.class.path"), ManyRuns.class.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(s.dir().resolve("work").toFile())
                .redirectOutput(s.dir().resolve("stdout").toFile()).redirectError(s.dir().resolve("stderr").toFile());
        pb.environment().clear();
        pb.environment().putAll(s.env());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child still running");
        return Files.readString(s.dir().resolve("stdout")) + Files.readString(s.dir().resolve("stderr"));
    }

    /** Every file under the run's directories but the two that hold the secret by design: config.json and the helpers. */
    private static String everythingWritten(Setup s) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(s.dir())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (f.getFileName().toString().equals("config.json") || f.getParent().getFileName().toString().equals("bin")) {
                    continue;
                }
                all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        return all.toString();
    }

    /** The secret in every form it could leak in, the headers the Engine received among them. */
    private static List<String> forms(String password, List<String> headers) {
        List<String> forms = new ArrayList<>(List.of(password,
                Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8)),
                Base64.getUrlEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8))));
        forms.addAll(headers);
        return forms;
    }

    private static void assertNoneIn(String text, List<String> forms, String where) {
        for (String f : forms) {
            assertFalse(text.contains(f), "a credential (" + f.substring(0, Math.min(6, f.length())) + "...) appears in " + where);
        }
    }

    /** Each request that carried credentials, decoded: who, what, for which registry. */
    private static List<String> receivedHeaders(int before, String password) throws IOException {
        List<FakeEngine.Request> sent = engine.requests().subList(before, engine.requests().size());
        List<String> headers = new ArrayList<>();
        for (String route : List.of("/services/create", "/services/svc1/update", "/distribution/")) {
            List<FakeEngine.Request> matching = sent.stream().filter(r -> r.rawPath().startsWith(route)).toList();
            assertFalse(matching.isEmpty(), "no request to " + route);
            for (FakeEngine.Request r : matching) {
                String header = r.header("X-Registry-Auth");
                assertNotNull(header, "no X-Registry-Auth on " + r.method() + " " + r.rawPath());
                JsonNode auth = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(header));
                assertEquals(USER, auth.path("username").asText(), r.rawPath());
                assertEquals(password, auth.path("password").asText(), r.rawPath());
                assertEquals(REGISTRY, auth.path("serveraddress").asText(), r.rawPath());
                headers.add(header);
            }
        }
        return headers;
    }

    private void check(String name, String config, Map<String, String> helpers, String password) throws Exception {
        Setup s = setup(name, config, helpers);
        int before = engine.requests().size();
        String output = runAll(s);
        assertEquals(3, output.lines().filter(l -> l.equals("exit=1")).count(), output);
        assertTrue(output.contains("the daemon refuses the update"), output);
        assertTrue(output.contains("\tat "), "--debug printed its stack traces: " + output);
        List<String> forms = forms(password, receivedHeaders(before, password));
        assertNoneIn(output, forms, name + " stdout/stderr");
        assertNoneIn(everythingWritten(s), forms, name + " files written");
    }

    @Test
    void auths() throws Exception {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        check("auths", "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth + "\"}}}", Map.of(), PASSWORD);
    }

    @Test
    void credsStore() throws Exception {
        String secret = "store-" + PASSWORD;
        check("credsStore", "{\"credsStore\":\"fake\",\"auths\":{\"" + REGISTRY + "\":{}}}",
                Map.of("fake", "read -r s\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"" + USER + "\",\"Secret\":\"" + secret + "\"}' \"$s\"\n"),
                secret);
    }

    @Test
    void credHelpers() throws Exception {
        String secret = "helper-" + PASSWORD;
        check("credHelpers", "{\"credsStore\":\"other\",\"credHelpers\":{\"" + REGISTRY + "\":\"fake\"}}",
                Map.of("fake", "read -r s\nprintf '{\"ServerURL\":\"%s\",\"Username\":\"" + USER + "\",\"Secret\":\"" + secret + "\"}' \"$s\"\n",
                        "other", "echo 'must not be asked' >&2; exit 1\n"),
                secret);
    }

    @Test
    void aFailingHelperStopsEachCommandAndItsStderrIsNotShown() throws Exception {
        // a helper that fails, saying the secret on stderr (some print what they could not store)
        Setup s = setup("failing", "{\"credsStore\":\"locked\"}",
                Map.of("locked", "echo 'cannot unlock " + PASSWORD + "' >&2; echo 'keychain locked'; exit 1\n"));
        int before = engine.requests().size();
        String output = runAll(s);
        assertEquals(3, output.lines().filter(l -> l.equals("exit=1")).count(), output);
        assertTrue(output.contains("error getting credentials from docker-credential-locked - err: exit status 1, out: `keychain locked`"), output);
        assertTrue(engine.requests().subList(before, engine.requests().size()).stream().noneMatch(r -> r.method().equals("POST")
                && r.rawPath().startsWith("/services")), "nothing was created or updated without the credentials asked for");
        assertNoneIn(output, forms(PASSWORD, List.of()), "stdout/stderr");
        assertNoneIn(everythingWritten(s), forms(PASSWORD, List.of()), "files written");
    }

    @Test
    void theCheckFindsACredentialThatIsPrinted() throws Exception {
        // the check can fail: a daemon that echoes the header back in its refusal gets it printed, and that is caught
        try (FakeEngine echo = FakeEngine.start()) {
            echo.on("GET", "/distribution/.*/json", r -> Answer.error(500, "bad auth " + r.header("X-Registry-Auth")));
            String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            Setup s = setup("canary", "{\"auths\":{\"" + REGISTRY + "\":{\"auth\":\"" + auth + "\"}}}", Map.of());
            String output = child(s, List.of("-H", echo.host(), "--debug", "service", "create", "--with-registry-auth", "--name", "web", IMAGE));
            String header = echo.requests("GET", "/distribution/.*/json").get(0).header("X-Registry-Auth");
            AssertionError caught = null;
            try {
                assertNoneIn(output, forms(PASSWORD, List.of(header)), "canary");
            } catch (AssertionError e) {
                caught = e;
            }
            assertNotNull(caught, "the check missed a header printed in: " + output);
        }
    }
}
