package io.swarmops.cli.service;

import static io.swarmops.cli.service.ServiceCreateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.ops.SwarmOpsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker's flag syntaxes, value by value (cases from docker/cli's opts tests). */
class ServiceSpecsTest {
    static String error(Runnable parse) {
        return assertThrows(SwarmOpsException.class, parse::run).getMessage();
    }

    @Test
    void publishShortSyntax() {
        assertEquals(json("[{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishMode\":\"ingress\"}]"), json(ServiceSpecs.ports("80").toString()));
        assertEquals(json("[{\"Protocol\":\"udp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"}]"),
                json(ServiceSpecs.ports("8080:80/udp").toString()));
        assertEquals(json("[{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8080,\"PublishMode\":\"ingress\"},"
                + "{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishedPort\":8081,\"PublishMode\":\"ingress\"}]"),
                json(ServiceSpecs.ports("8080-8081:80").toString()), "one target on a range of published ports");
        assertEquals(2, ServiceSpecs.ports("80-81").size());
        assertEquals("hostip is not supported", error(() -> ServiceSpecs.ports("0.0.0.0:80:80")));
        assertEquals("invalid proto: icmp", error(() -> ServiceSpecs.ports("80/icmp")));
        assertEquals("invalid containerPort: http", error(() -> ServiceSpecs.ports("80:http")));
        assertEquals("invalid ranges specified for container and host Ports: 80-82 and 8080-8081",
                error(() -> ServiceSpecs.ports("8080-8081:80-82")));
    }

    @Test
    void publishLongSyntax() {
        assertEquals(json("[{\"Protocol\":\"tcp\",\"TargetPort\":80,\"PublishMode\":\"ingress\"}]"), json(ServiceSpecs.ports("target=80").toString()));
        assertEquals(json("[{\"Protocol\":\"sctp\",\"TargetPort\":80,\"PublishedPort\":81,\"PublishMode\":\"host\"}]"),
                json(ServiceSpecs.ports("published=81,target=80,protocol=sctp,mode=host").toString()));
        assertEquals("missing mandatory field 'target'", error(() -> ServiceSpecs.ports("published=80")));
        assertEquals("invalid field key: name", error(() -> ServiceSpecs.ports("name=web,target=80")));
        assertEquals("invalid publish mode value (vip): must be either 'ingress' or 'host'", error(() -> ServiceSpecs.ports("target=80,mode=vip")));
        assertEquals("invalid protocol value 'icmp'", error(() -> ServiceSpecs.ports("target=80,protocol=icmp")));
        assertEquals("invalid target port (x80): value must be an integer", error(() -> ServiceSpecs.ports("target=x80,mode=host")));
    }

    /** A mount as its JSON reads back (numbers compare by value). */
    static Object mount(String value) {
        return json(ServiceSpecs.mount(value).toString());
    }

    @Test
    void mounts() {
        assertEquals(json("{\"Type\":\"volume\",\"Target\":\"/v\"}"), mount("target=/v"));
        assertEquals(json("{\"Type\":\"bind\",\"Source\":\"/a,b\",\"Target\":\"/t\",\"ReadOnly\":true,\"BindOptions\":{\"Propagation\":\"rshared\"}}"),
                mount("type=bind,\"source=/a,b\",target=/t,ro=1,bind-propagation=RSHARED"));
        assertEquals(json("{\"Type\":\"volume\",\"Source\":\"v\",\"Target\":\"/t\",\"VolumeOptions\":{\"NoCopy\":true,\"DriverConfig\":{}}}"),
                mount("source=v,target=/t,volume-nocopy"));
        assertEquals(json("{\"Type\":\"volume\",\"Target\":\"/t\",\"VolumeOptions\":{\"Labels\":{\"k\":\"v\"},\"DriverConfig\":{}}}"),
                mount("target=/t,volume-label=k=v"));
        assertEquals(json("{\"Type\":\"tmpfs\",\"Target\":\"/t\",\"TmpfsOptions\":{\"SizeBytes\":1048576,\"Mode\":448}}"),
                mount("type=tmpfs,target=/t,tmpfs-size=1m,tmpfs-mode=700"));
        assertEquals(Path.of("").toAbsolutePath() + "/data", ServiceSpecs.mount("type=bind,source=./data,target=/d").path("Source").asText());
        assertEquals("target is required", error(() -> ServiceSpecs.mount("type=volume,source=v")));
        assertEquals("invalid value for readonly: yes", error(() -> ServiceSpecs.mount("target=/t,readonly=yes")));
        assertEquals("cannot mix 'volume-*' options with mount type 'bind'", error(() -> ServiceSpecs.mount("type=bind,source=/a,target=/t,volume-nocopy")));
        assertEquals("cannot mix 'tmpfs-*' options with mount type 'volume'", error(() -> ServiceSpecs.mount("target=/t,tmpfs-size=1m")));
        assertEquals("invalid field 'rw' must be a key=value pair", error(() -> ServiceSpecs.mount("target=/t,rw")));
        assertEquals("unexpected key 'size' in 'size=1'", error(() -> ServiceSpecs.mount("target=/t,size=1")));
    }

    @Test
    void shellWordsAsGoShlexSplitsThem() {
        assertEquals(List.of("sh", "-c", "echo \"hi\" there"), ServiceSpecs.shellWords("sh -c 'echo \"hi\" there'"));
        assertEquals(List.of("a b", "c\"d", "e f"), ServiceSpecs.shellWords("\"a b\" \"c\\\"d\" e\\ f"));
        assertEquals(List.of("run", "x#y"), ServiceSpecs.shellWords("run x#y # a comment"));
        assertEquals(List.of(), ServiceSpecs.shellWords("   "));
        assertEquals("EOF found when expecting closing quote", error(() -> ServiceSpecs.shellWords("sh -c 'oops")));
    }

    @Test
    void environment(@TempDir Path dir) throws Exception {
        assertEquals("HOME=/root", ServiceSpecs.env("HOME", Map.of("HOME", "/root")));
        assertEquals("UNSET", ServiceSpecs.env("UNSET", Map.of()));
        assertEquals("invalid environment variable: =x", error(() -> ServiceSpecs.env("=x", Map.of())));
        assertEquals(List.of("B=2", "A=3"), ServiceSpecs.dedupEnv(List.of("A=1", "B=2", "A=3")));
        Path file = dir.resolve("env");
        Files.writeString(file, "\uFEFF# comment\n\nA=1\n  B= x \nFROM_ENV\nMISSING\n");
        assertEquals(List.of("A=1", "B= x ", "FROM_ENV=e", "MISSING"), ServiceSpecs.envFile(file, Map.of("FROM_ENV", "e")));
        Files.writeString(file, "A=1\nBAD KEY=2\n");
        assertEquals("poorly formatted environment: variable 'BAD KEY' contains whitespaces",
                error(() -> ServiceSpecs.envFile(file, Map.of())));
    }

    @Test
    void sizesAndCpus() {
        assertEquals(64L << 20, ServiceSpecs.bytes("64M"));
        assertEquals(64L << 20, ServiceSpecs.bytes("64mb"));
        assertEquals(1536L << 20, ServiceSpecs.bytes("1.5g"));
        assertEquals(1024, ServiceSpecs.bytes("1024"));
        assertEquals("invalid size: 'lots'", error(() -> ServiceSpecs.bytes("lots")));
        assertEquals(1_500_000_000L, ServiceSpecs.nanoCpus("1.5"));
        assertEquals("value is too precise: '0.0000000001'", error(() -> ServiceSpecs.nanoCpus("0.0000000001")));
    }

    @Test
    void networksAndPreferences() {
        assertEquals(json("{\"Target\":\"front\"}"), ServiceSpecs.network("front"));
        assertEquals(json("{\"Target\":\"front\",\"Aliases\":[\"a\",\"b\"],\"DriverOpts\":{\"k\":\"v\"}}"),
                ServiceSpecs.network("name=front,alias=a,alias=b,driver-opt=k=v"));
        assertEquals("unsupported placement preference pack (only spread is supported)", error(() -> ServiceSpecs.preference("pack=x")));
        assertEquals("placement preference must be of the format \"<strategy>=<arg>\"", error(() -> ServiceSpecs.preference("spread")));
    }
}
