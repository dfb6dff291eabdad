package io.swarmops.cli.service;

import static io.swarmops.cli.service.ServiceCreateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.swarmops.ops.SwarmOpsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    /** A node as its JSON reads back (numbers compare by value, not by Java type). */
    static Object asRead(Object node) {
        return json(node.toString());
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
    void environment() {
        assertEquals("HOME=/root", ServiceSpecs.env("HOME", Map.of("HOME", "/root")));
        assertEquals("UNSET", ServiceSpecs.env("UNSET", Map.of()));
        assertEquals("invalid environment variable: =x", error(() -> ServiceSpecs.env("=x", Map.of())));
        assertEquals(List.of("B=2", "A=3"), ServiceSpecs.dedupEnv(List.of("A=1", "B=2", "A=3")));
    }

    @Test
    void secretsAndConfigsShortAndLong() {
        assertEquals(json("{\"File\":{\"Name\":\"db\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"SecretName\":\"db\"}"),
                asRead(ServiceSpecs.secret("db")), "the short form: the file named after the secret, 0:0, 0444");
        assertEquals(json("{\"File\":{\"Name\":\"pw\",\"UID\":\"1000\",\"GID\":\"50\",\"Mode\":256},\"SecretName\":\"db\"}"),
                asRead(ServiceSpecs.secret("source=db,target=pw,uid=1000,gid=50,mode=0400")), "mode as Go's ParseUint(v, 0): 0400 is octal");
        assertEquals(json("{\"File\":{\"Name\":\"db\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":400},\"SecretName\":\"db\"}"),
                asRead(ServiceSpecs.secret("SRC=db,Mode=400")), "keys are case-insensitive; 400 is decimal");
        assertEquals(json("{\"File\":{\"Name\":\"/etc/app.conf\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"ConfigName\":\"app\"}"),
                asRead(ServiceSpecs.config("source=app,target=/etc/app.conf")));
        assertEquals(json("{\"File\":{\"Name\":\"app\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"ConfigName\":\"app\"}"),
                asRead(ServiceSpecs.config("app")));
        // docker 28's own words (the oracle: docker service create --secret VALUE img)
        assertEquals("source is required", error(() -> ServiceSpecs.secret("target=x")));
        assertEquals("source is required", error(() -> ServiceSpecs.config("source=")));
        assertEquals("invalid field in secret request: a", error(() -> ServiceSpecs.secret("a=b")));
        assertEquals("invalid field in config request: foo", error(() -> ServiceSpecs.config("source=x,foo=1")));
        assertEquals("invalid field '=x' must be a key=value pair", error(() -> ServiceSpecs.secret("=x")));
        assertEquals("invalid field 'foo' must be a key=value pair", error(() -> ServiceSpecs.config("foo,bar")));
        assertEquals("invalid mode specified: strconv.ParseUint: parsing \"abc\": invalid syntax",
                error(() -> ServiceSpecs.secret("source=x,mode=abc")));
        assertEquals("invalid mode specified: strconv.ParseUint: parsing \"99999999999\": value out of range",
                error(() -> ServiceSpecs.secret("source=x,mode=99999999999")));
        assertEquals("EOF", error(() -> ServiceSpecs.secret("")));
    }

    @Test
    void secretsResolveByNameOnlyAndOneReferencePerTarget() {
        var ids = (java.util.function.Function<java.util.Set<String>, Map<String, String>>) names -> Map.of("db", "id-db", "tls", "id-tls");
        assertEquals(json("[{\"File\":{\"Name\":\"db\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"SecretID\":\"id-db\",\"SecretName\":\"db\"},"
                + "{\"File\":{\"Name\":\"cert\",\"UID\":\"0\",\"GID\":\"0\",\"Mode\":292},\"SecretID\":\"id-tls\",\"SecretName\":\"tls\"}]"),
                json(ServiceSpecs.resolve(List.of(ServiceSpecs.secret("db"), ServiceSpecs.secret("source=tls,target=cert")),
                        "secret", "SecretName", ids).toString()));
        assertEquals("secret not found: nosuch",
                error(() -> ServiceSpecs.resolve(List.of(ServiceSpecs.secret("nosuch")), "secret", "SecretName", ids)));
        assertEquals(SwarmOpsException.Kind.NOT_FOUND, assertThrows(SwarmOpsException.class,
                () -> ServiceSpecs.resolve(List.of(ServiceSpecs.config("nosuch")), "config", "ConfigName", ids)).kind());
        assertEquals("duplicate secret target for tls not allowed", error(() -> ServiceSpecs.resolve(
                List.of(ServiceSpecs.secret("db"), ServiceSpecs.secret("source=tls,target=db")), "secret", "SecretName", ids)));
        assertEquals(List.of(), ServiceSpecs.resolve(List.of(), "secret", "SecretName", names -> {
            throw new AssertionError("no secret asked for, no list");
        }));
    }

    @Test
    void ulimits() {
        assertEquals(json("{\"Name\":\"nofile\",\"Hard\":2048,\"Soft\":1024}"), asRead(ServiceSpecs.ulimit("nofile=1024:2048")));
        assertEquals(json("{\"Name\":\"nproc\",\"Hard\":64,\"Soft\":64}"), asRead(ServiceSpecs.ulimit("nproc=64")), "the hard limit is the soft one");
        assertEquals(json("{\"Name\":\"core\",\"Hard\":-1,\"Soft\":-1}"), asRead(ServiceSpecs.ulimit("core=-1")));
        assertEquals("invalid ulimit argument: nofile", error(() -> ServiceSpecs.ulimit("nofile")));
        assertEquals("invalid ulimit type: foo", error(() -> ServiceSpecs.ulimit("foo=1")));
        assertEquals("strconv.ParseInt: parsing \"abc\": invalid syntax", error(() -> ServiceSpecs.ulimit("nofile=abc")));
        assertEquals("strconv.ParseInt: parsing \"infinity\": invalid syntax", error(() -> ServiceSpecs.ulimit("nofile=infinity")));
        assertEquals("strconv.ParseInt: parsing \"\": invalid syntax", error(() -> ServiceSpecs.ulimit("nofile=")));
        assertEquals("ulimit soft limit must be less than or equal to hard limit: 10 > 5", error(() -> ServiceSpecs.ulimit("nofile=10:5")));
        assertEquals("ulimit soft limit must be less than or equal to hard limit: soft: -1 (unlimited), hard: 5",
                error(() -> ServiceSpecs.ulimit("nofile=-1:5")));
        assertEquals("too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`",
                error(() -> ServiceSpecs.ulimit("nofile=1:2:3")));
    }

    @Test
    void dnsServersInGosCanonicalForm() {
        assertEquals("1.2.3.4", ServiceSpecs.dnsServer(" 1.2.3.4"));
        assertEquals("::1", ServiceSpecs.dnsServer("0:0:0:0:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", ServiceSpecs.dnsServer("2001:0db8:0000:0000:0001:0000:0000:0001"), "the first longest run of zeros");
        assertEquals("2001:db8:0:1:1:1:1:1", ServiceSpecs.dnsServer("2001:db8::1:1:1:1:1"), "one zero group is not shortened");
        assertEquals("1.2.3.4", ServiceSpecs.dnsServer("::ffff:1.2.3.4"), "IPv4-mapped addresses print as IPv4");
        assertEquals("::102:304", ServiceSpecs.dnsServer("::1.2.3.4"));
        assertEquals("fe80::", ServiceSpecs.dnsServer("FE80::"));
        for (String bad : List.of("1.2.3", "01.2.3.4", "256.1.1.1", "fe80::1%eth0", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "::g", "x", "")) {
            assertEquals("IP address is not correctly formatted: " + bad, error(() -> ServiceSpecs.dnsServer(bad)), bad);
        }
    }

    @Test
    void dnsSearchDomains() {
        assertEquals("example.com", ServiceSpecs.dnsSearch("example.com."));
        assertEquals("a.example-1.com", ServiceSpecs.dnsSearch(" a.example-1.com "));
        assertEquals(".", ServiceSpecs.dnsSearch("."));
        assertEquals("xn--a.com", ServiceSpecs.dnsSearch("xn--a.com"));
        for (String bad : List.of("-bad", "a..b", "a_b.c", "a-.com", "*.com", "123")) {
            assertEquals(bad + " is not a valid domain", error(() -> ServiceSpecs.dnsSearch(bad)), bad);
        }
        assertEquals(" is not a valid domain", error(() -> ServiceSpecs.dnsSearch("")));
    }

    @Test
    void extraHostsBecomeHostsFileLines() {
        assertEquals("1.2.3.4 db", ServiceSpecs.extraHost("db:1.2.3.4"));
        assertEquals("::1 db", ServiceSpecs.extraHost("db:::1"), "split at the first colon");
        assertEquals("::1 db", ServiceSpecs.extraHost("db=[::1]"), "= and brackets, as docker 28 takes them");
        assertEquals("0:0::1 db", ServiceSpecs.extraHost("db:0:0::1"), "the address as written, not canonical");
        assertEquals("host-gateway gw", ServiceSpecs.extraHost("gw:host-gateway"));
        assertEquals("bad format for add-host: \"foo\"", error(() -> ServiceSpecs.extraHost("foo")));
        assertEquals("bad format for add-host: \":1.2.3.4\"", error(() -> ServiceSpecs.extraHost(":1.2.3.4")));
        assertEquals("invalid IP address in add-host: \"bar\"", error(() -> ServiceSpecs.extraHost("foo:bar")));
        assertEquals("invalid IP address in add-host: \"1.2.3.4:5\"", error(() -> ServiceSpecs.extraHost("foo:1.2.3.4:5")));
        assertEquals("invalid IP address in add-host: \":1]:x\"", error(() -> ServiceSpecs.extraHost("[::1]:x")));
    }

    @Test
    void genericResourcesAreDiscreteOnly() {
        assertEquals(json("[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":2}},{\"DiscreteResourceSpec\":{\"Kind\":\"fpga\",\"Value\":1}}]"),
                json(ServiceSpecs.genericResources(List.of("gpu=2", " fpga = 1")).toString()));
        assertEquals("invalid generic-resource format `gpu` expected `name=value`", error(() -> ServiceSpecs.genericResources(List.of("gpu"))));
        assertEquals("invalid generic-resource request `gpu=x`, Named Generic Resources is not supported for service create or update",
                error(() -> ServiceSpecs.genericResources(List.of("gpu=x"))));
        String prefix = "invalid generic resource specification: could not parse GenericResource: ";
        assertEquals(prefix + "incorrect term gpu=1=2, missing '=' or malformed expression",
                error(() -> ServiceSpecs.genericResources(List.of("gpu=1=2"))));
        assertEquals(prefix + "cannot ask for negative resource gpu", error(() -> ServiceSpecs.genericResources(List.of("gpu=-1"))));
        assertEquals(prefix + "mixed discrete and named resources in expression 'gpu=[1 2]'",
                error(() -> ServiceSpecs.genericResources(List.of("gpu=1", "gpu=2"))));
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
