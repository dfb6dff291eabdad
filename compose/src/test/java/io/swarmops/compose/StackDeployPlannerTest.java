package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackDeployPlannerTest {
    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(s);
    }

    @Test
    void twoReferencesToOneSecretKeepTheOrderTheServiceHasSoNothingRestarts() throws Exception {
        ObjectNode current = json("""
                {"TaskTemplate": {"ContainerSpec": {"Secrets": [
                  {"File": {"Name": "/run/secrets/second"}, "SecretID": "s1", "SecretName": "shared"},
                  {"File": {"Name": "app_secret"}, "SecretID": "s1", "SecretName": "shared"}]}}}
                """);
        ObjectNode next = json("""
                {"TaskTemplate": {"ContainerSpec": {"Secrets": [
                  {"File": {"Name": "app_secret"}, "SecretName": "shared"},
                  {"File": {"Name": "/run/secrets/second"}, "SecretName": "shared"}]}}}
                """);
        ObjectNode comparable = StackSpecs.withObjectIds(next, java.util.Map.of("shared", "s1"), java.util.Map.of());
        StackDeployPlanner.keepCurrentOrder(current, next, comparable, "Secrets");
        assertEquals(List.of(), ServiceSpecDiff.between(current, comparable));
        assertEquals("/run/secrets/second", next.at("/TaskTemplate/ContainerSpec/Secrets/0/File/Name").asText());

        ObjectNode other = json("""
                {"TaskTemplate": {"ContainerSpec": {"Secrets": [
                  {"File": {"Name": "app_secret"}, "SecretName": "shared"},
                  {"File": {"Name": "third"}, "SecretName": "shared"}]}}}
                """);
        ObjectNode otherIds = StackSpecs.withObjectIds(other, java.util.Map.of("shared", "s1"), java.util.Map.of());
        StackDeployPlanner.keepCurrentOrder(current, other, otherIds, "Secrets");
        assertEquals("app_secret", other.at("/TaskTemplate/ContainerSpec/Secrets/0/File/Name").asText(), "another set: the file's order");
    }
}
