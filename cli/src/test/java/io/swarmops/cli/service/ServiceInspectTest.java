package io.swarmops.cli.service;

import static io.swarmops.cli.service.ServiceCreateTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swarmops.cli.CliRun;
import io.swarmops.cli.ExitCodes;
import io.swarmops.ops.model.Service;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code service inspect --pretty}: docker's pretty template, on the service of docker's own inspect_test.go. */
class ServiceInspectTest {
    static final String DOCKERS_FIXTURE = """
            {"ID":"de179gar9d0o7ltdybungplod","Version":{"Index":315},
             "Spec":{"Name":"my_service","Labels":{"com.label":"foo"},
               "TaskTemplate":{"LogDriver":{"Name":"driver","Options":{"max-file":"5"}},
                 "ContainerSpec":{"Image":"foo/bar@sha256:this_is_a_test",
                   "Configs":[{"ConfigID":"mtc3i44r1awdoziy2iceg73z8","ConfigName":"configtest.conf","File":{"Name":"/configtest.conf"}}],
                   "Secrets":[{"SecretID":"3hv39ehbbb4hdozo7spod9ftn","SecretName":"secrettest.conf","File":{"Name":"/secrettest.conf"}}],
                   "Healthcheck":{"Test":["CMD-SHELL","curl"],"Interval":4,"Retries":3,"StartPeriod":2,"Timeout":1}},
                 "Resources":{"Limits":{"NanoCPUs":100000000000,"MemoryBytes":10490000,"Pids":20}},
                 "Networks":[{"Target":"5vpyomhb6ievnk0i0o60gcnei","Aliases":["web"]}]},
               "Mode":{"Replicated":{"Replicas":2}},
               "EndpointSpec":{"Mode":"vip","Ports":[{"Protocol":"tcp","TargetPort":5000}]}},
             "Endpoint":{"Ports":[{"Protocol":"tcp","TargetPort":5000,"PublishedPort":30000}]},
             "UpdateStatus":{"StartedAt":"2026-11-24T06:00:00Z","CompletedAt":"2026-11-24T06:00:00Z"}}
            """;

    /** docker/cli's testdata/service-inspect-pretty.golden as today's template renders it (configs and secrets: target and source). */
    static final String DOCKERS_GOLDEN = "\nID:\t\tde179gar9d0o7ltdybungplod\nName:\t\tmy_service\nLabels:\n com.label=foo\n"
            + "Service Mode:\tReplicated\n Replicas:\t2\nPlacement:\nContainerSpec:\n Image:\t\tfoo/bar@sha256:this_is_a_test\n"
            + "Configs:\n Target:\t/configtest.conf\n  Source:\tconfigtest.conf\n"
            + "Secrets:\n Target:\t/secrettest.conf\n  Source:\tsecrettest.conf\n"
            + "Log Driver:\n Name:\t\tdriver\n LogOpts:\n  max-file:       5\n\n"
            + "Resources:\n Limits:\n  CPU:\t\t100\n  Memory:\t10MiB\n  PIDs:\t\t20\nNetworks: mynetwork \nEndpoint Mode:\tvip\n"
            + "Ports:\n PublishedPort = 30000\n  Protocol = tcp\n  TargetPort = 5000\n  PublishMode =  \n"
            + " Healthcheck:\n  Interval = 4ns\n  Retries = 3\n  StartPeriod =\t2ns\n  Timeout =\t1ns\n  Tests:\n\t Test = CMD-SHELL\n\t Test = curl \n\n";

    @Test
    void dockersGolden() {
        Service s = Service.from(json(DOCKERS_FIXTURE));
        assertEquals(DOCKERS_GOLDEN, ServiceInspect.pretty(s, Map.of("5vpyomhb6ievnk0i0o60gcnei", "mynetwork"), Instant.now()));
    }

    @Test
    void policiesStatusAndContainerSettings() {
        Service s = Service.from(json("""
                {"ID":"abc","Spec":{"Name":"web","Labels":{},
                   "TaskTemplate":{"ContainerSpec":{"Image":"img","Args":["sleep","3600"],"Env":["A=1"],"Dir":"/srv","User":"nobody","Init":false,
                       "CapabilityAdd":["CAP_NET_ADMIN","CAP_SYS_TIME"],"Sysctls":{"net.core.somaxconn":"512"},
                       "Ulimits":[{"Name":"nofile","Soft":1024,"Hard":2048}],
                       "Mounts":[{"Type":"bind","Source":"/data","Target":"/data","ReadOnly":true}]},
                     "Resources":{"Limits":{},"Reservations":{"NanoCPUs":500000000,"MemoryBytes":1610612736}},
                     "Placement":{"Constraints":["node.role==worker","node.labels.a==b"],"Preferences":[{"Spread":{"SpreadDescriptor":"node.labels.rack"}}],"MaxReplicas":2}},
                   "Mode":{"Global":{}},
                   "UpdateConfig":{"Parallelism":2,"Delay":90000000000,"FailureAction":"rollback","Monitor":500000000,"MaxFailureRatio":0.1,"Order":"start-first"},
                   "RollbackConfig":{"Parallelism":1,"FailureAction":"pause","Monitor":5000000000,"MaxFailureRatio":0,"Order":"stop-first"},
                   "EndpointSpec":{"Mode":"dnsrr"}},
                 "UpdateStatus":{"State":"completed","StartedAt":"2026-11-24T06:00:00Z","CompletedAt":"2026-11-24T06:01:00Z","Message":"update completed"}}
                """));
        assertEquals("\nID:\t\tabc\nName:\t\tweb\nService Mode:\tGlobal\n"
                + "UpdateStatus:\n State:\t\tcompleted\n Started:\t3 minutes ago\n Completed:\t2 minutes ago\n Message:\tupdate completed\n"
                + "Placement:\n Constraints:\t[node.role==worker node.labels.a==b]\n Preferences:   [spread=node.labels.rack]\n"
                + " Max Replicas Per Node:   2\n"
                + "UpdateConfig:\n Parallelism:\t2\n Delay:\t\t1m30s\n On failure:\trollback\n Monitoring Period: 500ms\n"
                + " Max failure ratio: 0.1\n Update order:      start-first\n"
                + "RollbackConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n"
                + " Rollback order:    stop-first\n"
                + "ContainerSpec:\n Image:\t\timg\n Args:\t\tsleep 3600 \n Env:\t\tA=1 \n Dir:\t\t/srv\n Init:\t\tfalse\n User: nobody\n"
                + "Capabilities:\n Add: CAP_NET_ADMIN, CAP_SYS_TIME\nSysCtls:\n net.core.somaxconn: 512\nUlimits:\n nofile: 1024:2048\n"
                + "Mounts:\n Target:\t/data\n  Source:\t/data\n  ReadOnly:\ttrue\n  Type:\t\tbind\n"
                + "Resources:\n Reservations:\n  CPU:\t\t0.5\n  Memory:\t1.5GiB\nEndpoint Mode:\tdnsrr\n\n",
                ServiceInspect.pretty(s, Map.of(), Instant.parse("2026-11-24T06:03:30Z")));
    }

    @Test
    void templatesAsScriptsUseThem() {
        FakeServices daemon = new FakeServices().with("id1", """
                {"Name":"web","Labels":{"b":"2","a":"1"},"Mode":{"Replicated":{"Replicas":3}},
                 "TaskTemplate":{"ContainerSpec":{"Image":"i","Args":["sleep","1"]}}}
                """);
        CliRun r = CliRun.run(daemon, "service", "inspect", "-f",
                "{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}} {{.Spec.Labels}} {{index .Spec.Labels \"b\"}}"
                        + " {{.Spec.TaskTemplate.ContainerSpec.Args}} {{json .Spec.Mode}} {{.Spec.Nothing}}", "web", "web");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String line = "web 3 map[a:1 b:2] 2 [sleep 1] {\"Replicated\":{\"Replicas\":3}} <no value>\n";
        assertEquals(line + line, r.out());
        assertEquals(r.out(), CliRun.run(daemon, "service", "inspect", "--format",
                "{{.Spec.Name}} {{.Spec.Mode.Replicated.Replicas}} {{.Spec.Labels}} {{index .Spec.Labels \"b\"}}"
                        + " {{.Spec.TaskTemplate.ContainerSpec.Args}} {{json .Spec.Mode}} {{.Spec.Nothing}}", "web", "web").out());
        CliRun bad = CliRun.run(daemon, "service", "inspect", "-f", "{{range .Spec}}x{{end}}", "web");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().startsWith("error: template: unsupported action {{range .Spec}}"), bad.err());
        assertEquals(CliRun.run(daemon, "service", "inspect", "--pretty", "web").out(),
                CliRun.run(daemon, "service", "inspect", "-f", "pretty", "web").out());
    }

    @Test
    void goSizes() {
        assertEquals("1023B", ServiceInspect.bytesSize(1023));
        assertEquals("1.001KiB", ServiceInspect.bytesSize(1025));
    }

    @Test
    void severalServicesPrintedOneAfterTheOtherAndTheUnknownOneFails() {
        FakeServices daemon = new FakeServices().with("id1", "{\"Name\":\"a\",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"i\"}}}");
        CliRun r = CliRun.run(daemon, "service", "inspect", "--pretty", "a", "nosuch");
        assertEquals(ExitCodes.FAILED, r.code());
        assertEquals("\nID:\t\tid1\nName:\t\ta\nService Mode:\nPlacement:\nContainerSpec:\n Image:\t\ti\nEndpoint Mode:\t\n\n", r.out());
        assertEquals("error: no such service: nosuch\n", r.err());
    }
}
