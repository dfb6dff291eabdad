package io.swarmops.ops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.DockerEndpoint;
import io.swarmops.ops.RegistryAuth;
import io.swarmops.ops.SwarmGateway;
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
import java.util.function.Predicate;

/**
 * A gateway where every call fails as unexpected: a test overrides exactly the calls it expects
 * (in an anonymous subclass), so it states what the daemon answers and notices any other call.
 * Shared with other modules' tests through ops' test-jar.
 */
public class StubGateway implements SwarmGateway {

    protected static UnsupportedOperationException unexpected(String call) {
        return new UnsupportedOperationException("unexpected call to the gateway: " + call);
    }

    @Override
    public DockerEndpoint endpoint() {
        return DockerEndpoint.plain("unix:///stub.sock", "test");
    }

    @Override
    public EngineInfo info() {
        throw unexpected("info");
    }

    @Override
    public JsonNode version() {
        throw unexpected("version");
    }

    @Override
    public SwarmInfo swarm() {
        throw unexpected("swarm");
    }

    @Override
    public String swarmInit(ObjectNode request) {
        throw unexpected("swarmInit " + request);
    }

    @Override
    public void swarmJoin(ObjectNode request) {
        throw unexpected("swarmJoin " + request);
    }

    @Override
    public void swarmLeave(boolean force) {
        throw unexpected("swarmLeave");
    }

    @Override
    public void swarmUpdate(long version, ObjectNode spec, boolean rotateWorkerToken, boolean rotateManagerToken) {
        throw unexpected("swarmUpdate");
    }

    @Override
    public String unlockKey() {
        throw unexpected("unlockKey");
    }

    @Override
    public List<Node> nodes() {
        throw unexpected("nodes");
    }

    @Override
    public Node node(String reference) {
        throw unexpected("node " + reference);
    }

    @Override
    public void updateNode(String id, long version, ObjectNode spec) {
        throw unexpected("updateNode " + id + " " + spec);
    }

    @Override
    public void removeNode(String id, boolean force) {
        throw unexpected("removeNode " + id);
    }

    @Override
    public List<Service> services(Map<String, List<String>> filters) {
        throw unexpected("services " + filters);
    }

    @Override
    public Service service(String reference) {
        throw unexpected("service " + reference);
    }

    @Override
    public String createService(ObjectNode spec, RegistryAuth auth, Consumer<String> warnings) {
        throw unexpected("createService " + spec);
    }

    @Override
    public void updateService(String id, long version, ObjectNode spec, RegistryAuth auth, boolean rollback,
            Consumer<String> warnings) {
        throw unexpected("updateService " + id + " " + spec);
    }

    @Override
    public void removeService(String id) {
        throw unexpected("removeService " + id);
    }

    @Override
    public List<Task> tasks(Map<String, List<String>> filters) {
        throw unexpected("tasks " + filters);
    }

    @Override
    public void serviceLogs(String id, boolean follow, String tail, boolean timestamps, Consumer<LogLine> out) {
        throw unexpected("serviceLogs " + id);
    }

    @Override
    public List<SwarmObject> networks(Map<String, List<String>> filters) {
        throw unexpected("networks " + filters);
    }

    @Override
    public SwarmObject network(String reference) {
        throw unexpected("network " + reference);
    }

    @Override
    public String createNetwork(ObjectNode request) {
        throw unexpected("createNetwork " + request);
    }

    @Override
    public void removeNetwork(String id) {
        throw unexpected("removeNetwork " + id);
    }

    @Override
    public List<SwarmObject> configs(Map<String, List<String>> filters) {
        throw unexpected("configs " + filters);
    }

    @Override
    public SwarmObject config(String reference) {
        throw unexpected("config " + reference);
    }

    @Override
    public String createConfig(ObjectNode spec) {
        throw unexpected("createConfig " + spec);
    }

    @Override
    public void updateConfig(String id, long version, ObjectNode spec) {
        throw unexpected("updateConfig " + id);
    }

    @Override
    public void removeConfig(String id) {
        throw unexpected("removeConfig " + id);
    }

    @Override
    public List<SwarmObject> secrets(Map<String, List<String>> filters) {
        throw unexpected("secrets " + filters);
    }

    @Override
    public SwarmObject secret(String reference) {
        throw unexpected("secret " + reference);
    }

    @Override
    public String createSecret(ObjectNode spec) {
        throw unexpected("createSecret");
    }

    @Override
    public void updateSecret(String id, long version, ObjectNode spec) {
        throw unexpected("updateSecret " + id);
    }

    @Override
    public void removeSecret(String id) {
        throw unexpected("removeSecret " + id);
    }

    @Override
    public void importImage(InputStream rootfsTar, String repo, String tag) {
        throw unexpected("importImage " + repo + ":" + tag);
    }

    @Override
    public JsonNode distribution(String image, RegistryAuth auth) {
        throw unexpected("distribution " + image);
    }

    @Override
    public void events(Map<String, List<String>> filters, Duration timeout, Predicate<JsonNode> sink) {
        throw unexpected("events " + filters);
    }

    @Override
    public void close() {
    }
}
