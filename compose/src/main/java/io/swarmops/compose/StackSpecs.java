package io.swarmops.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A stack converted to Engine API requests, before anything is written: network create requests
 * (with their {@code Name}) by full name, the external networks that must exist, secret and config
 * specs, and service specs by the service's name in the file. Service specs name their secrets and
 * configs; {@link #withObjectIds} fills in the IDs the daemon wants once those objects exist.
 */
public record StackSpecs(
        String namespace,
        SortedMap<String, ObjectNode> networks,
        List<String> externalNetworks,
        List<ObjectNode> secrets,
        List<ObjectNode> configs,
        SortedMap<String, ObjectNode> services) {

    public static final String NAMESPACE_LABEL = "com.docker.stack.namespace";
    public static final String IMAGE_LABEL = "com.docker.stack.image";

    /** {@code <stack>_<name>}. */
    public String scope(String name) {
        return namespace + "_" + name;
    }

    /**
     * A copy of a service spec with SecretID/ConfigID set from the object names; a name missing from
     * the maps is an error as docker reports it ({@code secret not found: x}).
     */
    public static ObjectNode withObjectIds(ObjectNode spec, Map<String, String> secretIds, Map<String, String> configIds) {
        ObjectNode copy = spec.deepCopy();
        JsonNode cs = copy.path("TaskTemplate").path("ContainerSpec");
        fill(cs.path("Secrets"), "SecretName", "SecretID", secretIds, "secret");
        fill(cs.path("Configs"), "ConfigName", "ConfigID", configIds, "config");
        return copy;
    }

    private static void fill(JsonNode refs, String nameField, String idField, Map<String, String> ids, String what) {
        if (!(refs instanceof ArrayNode arr)) {
            return;
        }
        for (JsonNode ref : arr) {
            String name = ref.path(nameField).asText();
            String id = ids.get(name);
            if (id == null) {
                throw new ComposeException(what + " not found: " + name);
            }
            ((ObjectNode) ref).put(idField, id);
        }
    }
}
