package io.swarmops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmops.ops.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSpecDiffTest {
    private static ObjectNode json(String s) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(s);
    }

    private static List<String> diff(String current, String next) throws Exception {
        return ServiceSpecDiff.between(json(current), json(next)).stream().map(ServiceSpecDiff.Change::toString).toList();
    }

    @Test
    void defaultsTheDaemonAddsAreNotChanges() throws Exception {
        assertEquals(List.of(), diff("""
                {"Mode": {"Replicated": {"Replicas": 1}}, "UpdateConfig": {"MaxFailureRatio": 0.30000001192092896, "Order": "stop-first"},
                 "TaskTemplate": {"ForceUpdate": 0, "ContainerSpec": {"Image": "a:1", "Isolation": "default"}},
                 "EndpointSpec": {"Mode": "vip", "Ports": [{"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "ingress"}]}}
                """, """
                {"Mode": {"Replicated": {}}, "UpdateConfig": {"MaxFailureRatio": 0.3},
                 "TaskTemplate": {"ContainerSpec": {"Image": "a:1"}},
                 "EndpointSpec": {"Ports": [{"Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080}]}}
                """));
    }

    @Test
    void aRemovedHealthcheckIsNamedFieldByField() throws Exception {
        assertEquals(List.of("- TaskTemplate.ContainerSpec.Healthcheck.Interval: 5000000000",
                "- TaskTemplate.ContainerSpec.Healthcheck.Test[0]: \"CMD\"",
                "- TaskTemplate.ContainerSpec.Healthcheck.Test[1]: \"true\""), diff("""
                {"TaskTemplate": {"ContainerSpec": {"Image": "a:1", "Healthcheck": {"Test": ["CMD", "true"], "Interval": 5000000000}}}}
                """, """
                {"TaskTemplate": {"ContainerSpec": {"Image": "a:1"}}}
                """));
    }

    @Test
    void aRemovedMemoryLimitIsARemoval() throws Exception {
        assertEquals(List.of("- TaskTemplate.Resources.Limits.MemoryBytes: 67108864"), diff("""
                {"TaskTemplate": {"Resources": {"Limits": {"MemoryBytes": 67108864, "NanoCPUs": 500000000}}}}
                """, """
                {"TaskTemplate": {"Resources": {"Limits": {"NanoCPUs": 500000000}}}}
                """));
    }

    @Test
    void aRemovedLabelIsARemovalEvenWithAnEmptyValue() throws Exception {
        assertEquals(List.of("- Labels.tier: \"\"", "- TaskTemplate.ContainerSpec.Labels.team: \"core\""), diff("""
                {"Labels": {"app": "web", "tier": ""}, "TaskTemplate": {"ContainerSpec": {"Labels": {"team": "core"}}}}
                """, """
                {"Labels": {"app": "web"}, "TaskTemplate": {"ContainerSpec": {}}}
                """));
    }

    @Test
    void additionsAndChangesAreNamedWithTheirValues() throws Exception {
        assertEquals(List.of("~ Mode.Replicated.Replicas: 1 -> 3", "+ TaskTemplate.ContainerSpec.Env[1]: \"B=2\""), diff("""
                {"Mode": {"Replicated": {"Replicas": 1}}, "TaskTemplate": {"ContainerSpec": {"Image": "a:1", "Env": ["A=1"]}}}
                """, """
                {"Mode": {"Replicated": {"Replicas": 3}}, "TaskTemplate": {"ContainerSpec": {"Image": "a:1", "Env": ["A=1", "B=2"]}}}
                """));
    }

    @Test
    void aReplicaCountLeftOutIsOneAgain() throws Exception {
        assertEquals(List.of("- Mode.Replicated.Replicas: 3"), diff("""
                {"Mode": {"Replicated": {"Replicas": 3}}}
                """, """
                {"Mode": {"Replicated": {}}}
                """));
    }
}
