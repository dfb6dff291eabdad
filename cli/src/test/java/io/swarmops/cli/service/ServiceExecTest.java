package io.swarmops.cli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.ConnectionOptions;
import io.swarmops.ops.SwarmGateway;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.Task;
import io.swarmops.ops.testing.Fixtures;
import io.swarmops.ops.testing.StubGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which task service exec picks and which daemon it reaches, on a fake manager and fake node daemons. */
class ServiceExecTest {
    @TempDir
    Path dir;

    final List<String> opened = new ArrayList<>();
    final List<String> execs = new ArrayList<>();

    static Node swarmNode(String id, String hostname, String addr, String manager) {
        ObjectNode raw = Fixtures.node(id, hostname, manager).raw().deepCopy();
        ((ObjectNode) raw.get("Status")).put("Addr", addr);
        return Node.from(raw);
    }

    static Task task(String id, String nodeId, int slot, String state, String container) {
        ObjectNode raw = Fixtures.task(id, "s1", nodeId, slot, state).raw().deepCopy();
        ((ObjectNode) raw.get("Status")).putObject("ContainerStatus").put("ContainerID", container);
        return Task.from(raw);
    }

    final SwarmGateway manager = new StubGateway() {
        @Override
        public List<Node> nodes() {
            return List.of(swarmNode("n1", "node1", "10.0.0.1", "leader"), swarmNode("n2", "node2", "10.0.0.2", null));
        }

        @Override
        public Service service(String reference) {
            if (!reference.equals("web") && !reference.equals("s1")) {
                throw io.swarmops.ops.SwarmOpsException.notFound("service", reference);
            }
            return Fixtures.service("s1", "web", 3);
        }

        @Override
        public List<Task> tasks(Map<String, List<String>> filters) {
            List<Task> all = List.of(task("t2", "n1", 2, "running", "c2"), task("t1", "n2", 1, "running", "c1"),
                    task("t3", "n2", 3, "preparing", "c3"));
            List<String> id = filters.get("id");
            return id == null ? all : all.stream().filter(t -> t.id().startsWith(id.get(0))).toList();
        }
    };

    SwarmGateway daemon(String host) {
        return new StubGateway() {
            @Override
            public String createExec(String containerId, ExecSpec spec) {
                execs.add(host + " " + containerId + " " + spec.cmd() + " env=" + spec.env() + " user=" + spec.user() + " workdir=" + spec.workdir());
                return "x1";
            }

            @Override
            public int startExec(String execId, boolean tty, InputStream stdin, OutputStream stdout, OutputStream stderr) {
                try {
                    stdout.write(("out of " + host + "\n").getBytes(StandardCharsets.UTF_8));
                    stderr.write("é".getBytes(StandardCharsets.UTF_8), 0, 1); // a character split across two frames
                    stderr.write("é\n".getBytes(StandardCharsets.UTF_8), 1, 2);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return 4;
            }
        };
    }

    CliRun run(String... args) throws IOException {
        return run(new CliRun.NoTerminal(), args);
    }

    CliRun run(io.swarmops.cli.Prompter prompter, String... args) throws IOException {
        Path config = dir.resolve("power.yaml");
        Files.writeString(config, "nodes:\n  default: tcp://{addr}:2375\n  match:\n    - hostname: node1\n      host: unix:///run/node1.sock\n");
        List<String> all = new ArrayList<>(List.of("-H", "unix:///manager.sock", "service", "exec", "--config", config.toString()));
        all.addAll(List.of(args));
        return CliRun.run((ConnectionOptions o) -> {
            if (o.host().equals("unix:///manager.sock")) {
                return manager;
            }
            opened.add(o.host());
            return daemon(o.host());
        }, prompter, all.toArray(String[]::new));
    }

    @Test
    void theSlotGivenRunsOnItsNodeThroughTheInventoryAndItsExitCodeIsPassedThrough() throws IOException {
        CliRun r = run("-e", "A=1", "-u", "nobody", "-w", "/tmp", "web.2", "sh", "-c", "exit 4");
        assertEquals(4, r.code(), r.err());
        assertEquals(List.of("unix:///run/node1.sock"), opened);
        assertEquals(List.of("unix:///run/node1.sock c2 [sh, -c, exit 4] env=[A=1] user=nobody workdir=/tmp"), execs);
        assertEquals("out of unix:///run/node1.sock\n", r.out());
        assertEquals("é\n", r.err(), "one character, its two bytes in two writes");
    }

    @Test
    void withoutASlotTheLowestRunningOneWithoutATerminal() throws IOException {
        CliRun r = run("web", "true");
        assertEquals(4, r.code(), r.err());
        assertEquals(List.of("tcp://10.0.0.2:2375"), opened, "node2 by the default, at its swarm address");
        assertTrue(execs.get(0).contains(" c1 "), execs.toString());
    }

    @Test
    void onATerminalWithSeveralTasksItAsksWhich() throws IOException {
        List<String> asked = new ArrayList<>();
        CliRun r = run(new io.swarmops.cli.Prompter() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String ask(String prompt) {
                asked.add(prompt);
                return "2";
            }
        }, "web", "true");
        assertEquals(4, r.code(), r.err());
        assertEquals(List.of("Which task [1-2, default 1]? "), asked);
        assertTrue(r.err().contains("1) web.1 t1") && r.err().contains("2) web.2 t2"), r.err());
        assertEquals(List.of("unix:///run/node1.sock"), opened, "the second, web.2, on node1");
    }

    @Test
    void aTaskIdAndTheCommandLineAddress() throws IOException {
        CliRun r = run("--node-host", "node2=tcp://127.0.0.1:1", "t1", "true");
        assertEquals(4, r.code(), r.err());
        assertEquals(List.of("tcp://127.0.0.1:1"), opened);
    }

    @Test
    void allRunsInEveryRunningTaskWithPrefixedLines() throws IOException {
        CliRun r = run("--all", "web", "true");
        assertEquals(4, r.code(), r.err());
        assertEquals(List.of("web.1 | out of tcp://10.0.0.2:2375", "web.2 | out of unix:///run/node1.sock"), r.out().lines().sorted().toList());
        assertEquals(List.of("web.1 | é", "web.2 | é"), r.err().lines().sorted().toList());
    }

    @Test
    void refusals() throws IOException {
        CliRun none = run("web.3", "true");
        assertEquals(ExitCodes.FAILED, none.code());
        assertEquals("error: no running task of web in slot 3\n", none.err());
        CliRun unknown = run("nosuch", "true");
        assertEquals("error: no such service or task: nosuch\n", unknown.err());
        CliRun tty = run("-t", "web", "sh");
        assertEquals(ExitCodes.USAGE, tty.code());
        assertEquals("error: the input device is not a TTY: -t needs a terminal\n", tty.err());
        CliRun allTty = run("--all", "-i", "web", "sh");
        assertEquals(ExitCodes.USAGE, allTty.code());
        assertTrue(opened.isEmpty(), opened.toString());
    }
}
