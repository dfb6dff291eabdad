package io.swarmops.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.ClusterSnapshot;
import io.swarmops.ops.model.ContainerStats;
import io.swarmops.ops.model.EngineInfo;
import io.swarmops.ops.model.Node;
import io.swarmops.ops.model.Service;
import io.swarmops.ops.model.SwarmInfo;
import io.swarmops.ops.model.SwarmObject;
import io.swarmops.ops.model.Task;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way swarmops talks to a Docker daemon. Everything above {@code ops} sees these methods
 * and swarmops' own types; specs travel as the Engine API's JSON ({@link ObjectNode}), whole, so that
 * a spec read and written back loses no field, whatever this code knows of it.
 *
 * <p>Failures are {@link SwarmOpsException}s whose kind tells an unreachable daemon, a missing
 * object, a worker asked for a manager's job, a lost quorum and a concurrent change apart.
 */
public interface SwarmGateway extends AutoCloseable {

    /** Where this gateway talks to, for messages. */
    DockerEndpoint endpoint();

    // ---- the daemon itself -------------------------------------------------------------------

    /** {@code GET /info}: answered by any daemon, even without quorum. */
    EngineInfo info();

    /** {@code GET /version} as the Engine returns it. */
    JsonNode version();

    // ---- swarm membership --------------------------------------------------------------------

    /** {@code GET /swarm}: managers only. */
    SwarmInfo swarm();

    /** {@code POST /swarm/init} with an Engine SwarmInitRequest; returns the new node ID. */
    String swarmInit(ObjectNode request);

    /** {@code POST /swarm/join} with an Engine SwarmJoinRequest. */
    void swarmJoin(ObjectNode request);

    /** {@code POST /swarm/leave}. */
    void swarmLeave(boolean force);

    /** {@code POST /swarm/update}; rotate tokens with the flags. */
    void swarmUpdate(long version, ObjectNode spec, boolean rotateWorkerToken, boolean rotateManagerToken);

    /** {@code GET /swarm/unlockkey}. */
    String unlockKey();

    // ---- nodes ---------------------------------------------------------------------------------

    List<Node> nodes();

    /** By ID, ID prefix or hostname, as docker resolves node references; NOT_FOUND otherwise. */
    Node node(String reference);

    void updateNode(String id, long version, ObjectNode spec);

    void removeNode(String id, boolean force);

    // ---- services and tasks ------------------------------------------------------------------

    /** {@code GET /services}; {@code filters} in Engine syntax (name, label, id, mode), may be empty. */
    List<Service> services(Map<String, List<String>> filters);

    /** By ID, ID prefix or exact name; NOT_FOUND otherwise. */
    Service service(String reference);

    /**
     * The service as {@code docker service inspect} shows it: the daemon fills in the defaults the
     * stored spec leaves out (update and rollback policy, ...). For display only: a spec to write
     * back comes from {@link #service}.
     */
    default Service serviceWithDefaults(String reference) {
        return service(reference);
    }

    /** Creates a service; returns its ID. Warnings from the daemon go to {@code warnings}. */
    String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings);

    /**
     * Writes a changed spec with the version it was read at; CONFLICT if someone changed the
     * service in between. {@code rollback} asks the daemon for its previous spec instead.
     */
    void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback, Consumer<String> warnings);

    void removeService(String id);

    /** {@code GET /tasks}; {@code filters} in Engine syntax (service, node, desired-state, label). */
    List<Task> tasks(Map<String, List<String>> filters);

    /**
     * Streams a service's logs, stdout and stderr frames demultiplexed, line by line, until the
     * stream ends (or forever with {@code follow}).
     */
    void serviceLogs(String id, boolean follow, String tail, boolean timestamps, Consumer<LogLine> out);

    /**
     * As {@link #serviceLogs(String, boolean, String, boolean, Consumer)}, from {@code since} on (a
     * Unix time; null for all) and, with {@code details}, each line carrying the daemon's details
     * after its timestamp ({@code com.docker.swarm.node.id=..,com.docker.swarm.service.id=..,
     * com.docker.swarm.task.id=.. message}): what docker service logs asks for to name each line's task.
     */
    default void serviceLogs(String id, boolean follow, String tail, boolean timestamps, boolean details, String since,
            Consumer<LogLine> out) {
        throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "this gateway reads no log details and no since");
    }

    // ---- networks, configs, secrets ----------------------------------------------------------

    List<SwarmObject> networks(Map<String, List<String>> filters);

    SwarmObject network(String reference);

    String createNetwork(ObjectNode request);

    void removeNetwork(String id);

    List<SwarmObject> configs(Map<String, List<String>> filters);

    SwarmObject config(String reference);

    String createConfig(ObjectNode spec);

    void updateConfig(String id, long version, ObjectNode spec);

    void removeConfig(String id);

    List<SwarmObject> secrets(Map<String, List<String>> filters);

    SwarmObject secret(String reference);

    String createSecret(ObjectNode spec);

    void updateSecret(String id, long version, ObjectNode spec);

    void removeSecret(String id);

    // ---- images and events -------------------------------------------------------------------

    /** {@code docker import}: a rootfs tar as an image {@code repo:tag} on this daemon. */
    void importImage(InputStream rootfsTar, String repo, String tag);

    /** {@code GET /distribution/{image}/json}: the registry's digest and platforms, for image pinning. */
    JsonNode distribution(String image, RegistryAuth auth);

    /**
     * Streams events matching {@code filters} to {@code sink} until the sink returns false, the
     * stream ends or {@code timeout} passes (zero: no limit).
     */
    void events(Map<String, List<String>> filters, Duration timeout, java.util.function.Predicate<JsonNode> sink);

    // ---- a node's own containers (node commands reach each node's daemon) ---------------------

    /** {@code POST /containers/{id}/exec}: prepares a command in a running container; returns the exec ID. */
    default String createExec(String containerId, ExecSpec spec) {
        throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "this gateway runs no commands in containers");
    }

    /**
     * {@code POST /exec/{id}/start} on a hijacked connection: {@code stdin} (or null) to the command,
     * its output to {@code stdout} and {@code stderr} (one raw stream with a TTY) until it ends;
     * returns its exit code ({@code GET /exec/{id}/json}).
     */
    default int startExec(String execId, boolean tty, InputStream stdin, java.io.OutputStream stdout, java.io.OutputStream stderr) {
        throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "this gateway runs no commands in containers");
    }

    /** {@code POST /exec/{id}/resize}: the TTY's size after the user's terminal changed. */
    default void resizeExec(String execId, int height, int width) {
        throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "this gateway runs no commands in containers");
    }

    /**
     * {@code GET /containers/{id}/stats?stream=false&one-shot=true}: one sample of a container's CPU
     * and memory use on this daemon, taken at once (no second sample for a CPU percentage).
     */
    default ContainerStats containerStats(String containerId) {
        throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "this gateway reads no container stats");
    }

    /** {@code GET /images/{name}/json}: whether this daemon has the image (by name or digest). */
    default boolean hasImage(String reference) {
        throw new SwarmOpsException(SwarmOpsException.Kind.FAILED, "this gateway lists no images");
    }

    /**
     * What to run in a container.
     *
     * @param env     K=V pairs
     * @param user    user[:group] or null for the image's
     * @param workdir or null for the image's
     */
    record ExecSpec(List<String> cmd, boolean tty, boolean stdin, List<String> env, String user, String workdir) {
    }

    // ---- composites -----------------------------------------------------------------------------

    /** Nodes, services and tasks, read one after the other. */
    default ClusterSnapshot snapshot() {
        return new ClusterSnapshot(nodes(), services(Map.of()), tasks(Map.of()), java.time.Instant.now());
    }

    @Override
    void close();

    /** One line of a service's log. */
    record LogLine(boolean stderr, String text) {
    }
}
