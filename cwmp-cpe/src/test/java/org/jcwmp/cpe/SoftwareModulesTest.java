package org.jcwmp.cpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jcwmp.cpe.AgentTestSupport.agent;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.jcwmp.core.rpc.AutonOpResultStruct;
import org.jcwmp.core.rpc.AutonomousDUStateChangeComplete;
import org.jcwmp.core.rpc.ChangeDUState;
import org.jcwmp.core.rpc.ChangeDUStateResponse;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DuOperation;
import org.jcwmp.core.rpc.EventCode;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.InstallOpStruct;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.jcwmp.core.rpc.UninstallOpStruct;
import org.jcwmp.core.rpc.UpdateOpStruct;
import org.jcwmp.cpe.model.CpeFaultException;
import org.jcwmp.cpe.software.DeploymentUnitInstaller;
import org.jcwmp.cpe.software.DeploymentUnitUuid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ChangeDUState, DUStateChangeComplete, RequestedState and autonomous changes in real sessions with a file server. */
class SoftwareModulesTest {
    private static final String SM = "Device.SoftwareModules.";
    private static final String DU1 = SM + "DeploymentUnit.1.";
    private static final String EU1 = SM + "ExecutionUnit.1.";
    private static final String EU2 = SM + "ExecutionUnit.2.";
    private static final String EE1 = SM + "ExecEnv.1";
    private static final String SPEEDTEST_1 = """
            {"name": "speedtest", "vendor": "example.com", "version": "1.0", "description": "Line tests",
             "executionUnits": [{"name": "daemon", "autoStart": true}, {"name": "cli"}]}""";
    private static final String SPEEDTEST_2 = """
            {"name": "speedtest", "vendor": "example.com", "version": "2.0", "description": "Line tests, web UI",
             "executionUnits": [{"name": "daemon", "autoStart": true}, {"name": "web"}]}""";
    private static final String SPEEDTEST_0 = """
            {"name": "speedtest", "vendor": "example.com", "version": "0.9", "executionUnits": []}""";
    private static final String UUID = DeploymentUnitUuid.of("example.com", "speedtest");

    @TempDir
    Path state;
    private final FakeAcs acs = new FakeAcs().user("cpe", "s3cret");
    private final RecordingListener events = new RecordingListener();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final HttpServer fileServer;
    private CpeAgent agent;

    SoftwareModulesTest() throws IOException {
        fileServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fileServer.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        fileServer.createContext("/du/", exchange -> {
            try (exchange) {
                String body = files.get(exchange.getRequestURI().getPath().substring("/du/".length()));
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        fileServer.start();
        files.put("speedtest-1.0.json", SPEEDTEST_1);
        files.put("speedtest-2.0.json", SPEEDTEST_2);
        files.put("speedtest-0.9.json", SPEEDTEST_0);
        files.put("other.json", """
                {"name": "other", "vendor": "example.com", "version": "1", "executionUnits": [{"name": "o"}]}""");
        files.put("broken.json", "{\"name\": ");
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        acs.close();
        fileServer.stop(0);
    }

    private String url(String file) {
        return "http://127.0.0.1:" + fileServer.getAddress().getPort() + "/du/" + file;
    }

    private void start() {
        start(DeploymentUnitInstaller.recordOnly());
    }

    private void start(DeploymentUnitInstaller installer) {
        agent = agent(acs.url(), state).deploymentUnitInstaller(installer).build();
        agent.addListener(events);
        agent.start();
    }

    private static ChangeDUState change(String key, DuOperation... ops) {
        return new ChangeDUState(List.of(ops), key);
    }

    private InstallOpStruct install(String file) {
        return new InstallOpStruct(url(file), "", "", "", EE1);
    }

    /** Waits for the n-th DUStateChangeComplete the ACS received. */
    private DUStateChangeComplete complete(int n) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                acs.responsesTo(DUStateChangeComplete.class)).as("failures: %s", events.failures).hasSizeGreaterThan(n));
        return (DUStateChangeComplete) acs.responsesTo(DUStateChangeComplete.class).get(n).envelope().body();
    }

    private String value(String path) {
        return agent.parameterValue(path);
    }

    @Test
    void installCreatesTheUnitsAndReportsOneResultPerOperation() {
        acs.then(change("inst-1", install("speedtest-1.0.json")));
        start();
        DUStateChangeComplete dc = complete(0);

        assertThat(acs.responsesTo(ChangeDUStateResponse.class)).hasSize(1);
        assertThat(dc.commandKey()).isEqualTo("inst-1");
        assertThat(dc.results()).containsExactly(new OpResultStruct(UUID, SM + "DeploymentUnit.1", "1.0", "Installed",
                true, SM + "ExecutionUnit.1," + SM + "ExecutionUnit.2", dc.results().get(0).startTime(),
                dc.results().get(0).completeTime(), new org.jcwmp.core.rpc.FaultStruct(0, "")));
        assertThat(UUID).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        assertThat(value(DU1 + "UUID")).isEqualTo(UUID);
        assertThat(value(DU1 + "Status")).isEqualTo("Installed");
        assertThat(value(DU1 + "Name")).isEqualTo("speedtest");
        assertThat(value(DU1 + "Vendor")).isEqualTo("example.com");
        assertThat(value(DU1 + "Version")).isEqualTo("1.0");
        assertThat(value(DU1 + "URL")).isEqualTo(url("speedtest-1.0.json"));
        assertThat(value(DU1 + "ExecutionEnvRef")).isEqualTo(EE1);
        assertThat(value(DU1 + "ExecutionUnitList")).isEqualTo(SM + "ExecutionUnit.1," + SM + "ExecutionUnit.2");
        assertThat(value(SM + "DeploymentUnitNumberOfEntries")).isEqualTo("1");
        assertThat(value(EU1 + "Name")).isEqualTo("daemon");
        assertThat(value(EU1 + "Status")).isEqualTo("Active"); // autoStart
        assertThat(value(EU1 + "AutoStart")).isEqualTo("true");
        assertThat(value(EU2 + "Name")).isEqualTo("cli");
        assertThat(value(EU2 + "Status")).isEqualTo("Idle");
        assertThat(value(EU2 + "ExecutionEnvRef")).isEqualTo(EE1);
        assertThat(value(EE1 + ".ActiveExecutionUnits")).isEqualTo(SM + "ExecutionUnit.1");

        // The session that delivered it was announced with 11 and M ChangeDUState; both leave once answered.
        assertThat(acs.informs).anySatisfy(i -> assertThat(i.event()).contains(
                new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""),
                new EventStruct(EventCode.M_CHANGE_DU_STATE, "inst-1")));
        int informs = acs.informs.size();
        agent.requestSession();
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.informs.size() > informs);
        assertThat(acs.informs.getLast().event()).extracting(EventStruct::eventCode)
                .doesNotContain(EventCode.DU_STATE_CHANGE_COMPLETE, EventCode.M_CHANGE_DU_STATE);
        assertThat(acs.responsesTo(DUStateChangeComplete.class)).hasSize(1);
    }

    @Test
    void updateKeepsTheUnitsItStillHasAndRefusesTheSameOrAnOlderVersion() {
        acs.then(change("i", install("speedtest-1.0.json")));
        start();
        complete(0);
        acs.then(change("u", new UpdateOpStruct(UUID, "", url("speedtest-2.0.json"), "", ""),
                new UpdateOpStruct(UUID, "", url("speedtest-2.0.json"), "", ""),
                new UpdateOpStruct(UUID, "", url("speedtest-0.9.json"), "", "")));
        agent.requestSession();
        DUStateChangeComplete dc = complete(1);

        assertThat(dc.results()).hasSize(3);
        OpResultStruct ok = dc.results().get(0);
        assertThat(ok.fault().faultCode()).isZero();
        assertThat(ok.version()).isEqualTo("2.0");
        assertThat(ok.currentState()).isEqualTo("Installed");
        assertThat(ok.uuid()).isEqualTo(UUID);
        // daemon stays (same instance, still Active), cli goes, web is new
        assertThat(ok.executionUnitRefList()).isEqualTo(SM + "ExecutionUnit.1," + SM + "ExecutionUnit.3");
        assertThat(dc.results().get(1).fault().faultCode()).isEqualTo(FaultCode.INVALID_DU_UPDATE_VERSION_EXISTS.code());
        assertThat(dc.results().get(2).fault().faultCode()).isEqualTo(FaultCode.INVALID_DU_UPDATE_DOWNGRADE.code());
        assertThat(dc.results().get(2).currentState()).isEqualTo("Installed");
        assertThat(dc.results().get(2).version()).isEqualTo("2.0");

        assertThat(value(DU1 + "Version")).isEqualTo("2.0");
        assertThat(value(DU1 + "Description")).isEqualTo("Line tests, web UI");
        assertThat(value(DU1 + "URL")).isEqualTo(url("speedtest-2.0.json"));
        assertThat(value(DU1 + "Status")).isEqualTo("Installed");
        assertThat(value(EU1 + "Status")).isEqualTo("Active");
        assertThat(agent.model().contains(EU2)).isFalse();
        assertThat(value(SM + "ExecutionUnit.3.Name")).isEqualTo("web");
        assertThat(value(SM + "ExecutionUnitNumberOfEntries")).isEqualTo("2");
    }

    @Test
    void uninstallRemovesTheDeploymentUnitAndItsExecutionUnits() {
        acs.then(change("i", install("speedtest-1.0.json")));
        start();
        complete(0);
        acs.then(change("rm", new UninstallOpStruct(UUID, "", "")));
        agent.requestSession();
        DUStateChangeComplete dc = complete(1);

        assertThat(dc.commandKey()).isEqualTo("rm");
        assertThat(dc.results()).singleElement().satisfies(r -> {
            assertThat(r.fault().faultCode()).isZero();
            assertThat(r.currentState()).isEqualTo("Uninstalled");
            assertThat(r.deploymentUnitRef()).isEqualTo(SM + "DeploymentUnit.1");
            assertThat(r.version()).isEqualTo("1.0");
            assertThat(r.executionUnitRefList()).isEqualTo(SM + "ExecutionUnit.1," + SM + "ExecutionUnit.2");
        });
        assertThat(value(SM + "DeploymentUnitNumberOfEntries")).isEqualTo("0");
        assertThat(value(SM + "ExecutionUnitNumberOfEntries")).isEqualTo("0");
        assertThat(value(EE1 + ".ActiveExecutionUnits")).isEmpty();
    }

    @Test
    void eachFailingOperationGetsItsFaultAndTheOthersStillRun() {
        String closedPort = "http://127.0.0.1:1/du/x.json";
        acs.then(change("mixed",
                new UninstallOpStruct("0f4e8d1a-1111-5222-8333-444455556666", "", ""), // unknown DU
                install("speedtest-1.0.json"),                                          // ok
                install("speedtest-1.0.json"),                                          // duplicate
                install("missing.json"),                                                // HTTP 404
                new InstallOpStruct(closedPort, "", "", "", EE1),                      // no file server
                new InstallOpStruct(url("other.json"), "", "", "", SM + "ExecEnv.9"),  // unknown EE
                new InstallOpStruct(url("other.json"), "not-a-uuid", "", "", EE1),     // bad UUID
                install("broken.json"),                                                 // not a manifest
                new UninstallOpStruct(UUID, "", SM + "ExecEnv.7")));                   // unknown EE
        start();
        DUStateChangeComplete dc = complete(0);

        assertThat(dc.results()).extracting(r -> r.fault().faultCode()).containsExactly(
                FaultCode.UNKNOWN_DEPLOYMENT_UNIT.code(), 0, FaultCode.DUPLICATE_DEPLOYMENT_UNIT.code(),
                FaultCode.FILE_ACCESS_FAILURE.code(), FaultCode.FILE_SERVER_NOT_FOUND.code(),
                FaultCode.UNKNOWN_EXECUTION_ENVIRONMENT.code(), FaultCode.INVALID_UUID_FORMAT.code(),
                FaultCode.FILE_CORRUPTED.code(), FaultCode.UNKNOWN_EXECUTION_ENVIRONMENT.code());
        assertThat(dc.results().get(2).uuid()).isEqualTo(UUID);
        assertThat(dc.results().get(3).currentState()).isEqualTo("Failed");
        assertThat(dc.results()).allSatisfy(r -> assertThat(r.startTime()).isNotBlank());
        assertThat(value(SM + "DeploymentUnitNumberOfEntries")).isEqualTo("1");
    }

    @Test
    void aDisabledExecutionEnvironmentRefusesInstallsAndStateChanges() {
        acs.then(change("i", install("speedtest-1.0.json")));
        start();
        complete(0);
        agent.model().setValue(EE1 + ".Enable", "false", org.jcwmp.cpe.model.ChangeOrigin.LOCAL);
        acs.then(change("i2", install("other.json")))
                .then(new SetParameterValues(List.of(new ParameterValueStruct(EU2 + "RequestedState", "Active",
                        "xsd:string")), "k"));
        agent.requestSession();
        DUStateChangeComplete dc = complete(1);
        assertThat(dc.results().get(0).fault().faultCode()).isEqualTo(FaultCode.DISABLED_EXECUTION_ENVIRONMENT.code());
        Fault f = (Fault) acs.responsesTo(Fault.class).getLast().envelope().body();
        assertThat(f.setParameterValuesFaults()).singleElement()
                .satisfies(p -> assertThat(p.parameterName()).isEqualTo(EU2 + "RequestedState"));
        assertThat(value(EU2 + "Status")).isEqualTo("Idle");
    }

    @Test
    void requestedStateStartsAndStopsAnExecutionUnit() {
        List<String> started = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
        DeploymentUnitInstaller installer = new DeploymentUnitInstaller() {
            @Override
            public void install(DeploymentUnit unit, Path packageFile) {
            }

            @Override
            public void update(DeploymentUnit unit, Path packageFile) {
            }

            @Override
            public void uninstall(DeploymentUnit unit) {
            }

            @Override
            public void start(String euid) {
                started.add(euid);
            }

            @Override
            public void stop(String euid) {
                stopped.add(euid);
            }
        };
        acs.then(change("i", install("speedtest-1.0.json")));
        start(installer);
        complete(0);
        assertThat(value(EU2 + "Status")).isEqualTo("Idle");
        acs.then(new SetParameterValues(List.of(new ParameterValueStruct(EU2 + "RequestedState", "Active",
                "xsd:string")), "k1"));
        agent.requestSession();
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.responsesTo(SetParameterValuesResponse.class).size() == 1);
        assertThat(value(EU2 + "Status")).isEqualTo("Active");
        assertThat(value(EE1 + ".ActiveExecutionUnits")).isEqualTo(SM + "ExecutionUnit.1," + SM + "ExecutionUnit.2");
        assertThat(started).containsExactly(value(EU1 + "EUID"), value(EU2 + "EUID"));

        acs.then(new SetParameterValues(List.of(new ParameterValueStruct(EU1 + "RequestedState", "Idle",
                "xsd:string")), "k2"));
        agent.requestSession();
        await().atMost(Duration.ofSeconds(10)).until(() -> acs.responsesTo(SetParameterValuesResponse.class).size() == 2);
        assertThat(value(EU1 + "Status")).isEqualTo("Idle");
        assertThat(stopped).containsExactly(value(EU1 + "EUID"));
        assertThat(value(EE1 + ".ActiveExecutionUnits")).isEqualTo(SM + "ExecutionUnit.2");
    }

    @Test
    void anOperationInterruptedByARestartIsReportedWithAFaultAndTheRestRunAfterIt() {
        CountDownLatch installing = new CountDownLatch(1);
        DeploymentUnitInstaller stuck = new DeploymentUnitInstaller() {
            @Override
            public void install(DeploymentUnit unit, Path packageFile) throws CpeFaultException {
                installing.countDown();
                try {
                    new CountDownLatch(1).await(); // until the agent stops
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new CpeFaultException(FaultCode.CPE_REQUEST_DENIED, "stopped");
            }

            @Override
            public void update(DeploymentUnit unit, Path packageFile) {
            }

            @Override
            public void uninstall(DeploymentUnit unit) {
            }
        };
        acs.then(change("two", install("speedtest-1.0.json"), install("other.json")));
        start(stuck);
        try {
            assertThat(installing.await(15, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(value(DU1 + "Status")).isEqualTo("Installing");
        agent.stop();
        assertThat(acs.responsesTo(DUStateChangeComplete.class)).isEmpty();

        start(); // the same state directory, an installer that works
        DUStateChangeComplete dc = complete(0);
        assertThat(dc.commandKey()).isEqualTo("two");
        assertThat(dc.results()).hasSize(2);
        assertThat(dc.results().get(0).fault().faultCode()).isEqualTo(FaultCode.DOWNLOAD_INCOMPLETE.code());
        assertThat(dc.results().get(0).fault().faultString()).contains("restart");
        assertThat(dc.results().get(0).currentState()).isEqualTo("Failed");
        assertThat(dc.results().get(1).fault().faultCode()).isZero();
        // The half-installed unit is gone; the second one is there.
        assertThat(agent.model().contains(DU1)).isFalse();
        assertThat(value(SM + "DeploymentUnit.2.Name")).isEqualTo("other");
        assertThat(value(SM + "DeploymentUnitNumberOfEntries")).isEqualTo("1");
    }

    @Test
    void unitsAndAnUnansweredCompleteSurviveARestart() {
        acs.cpeRequestAnswer = r -> {
            throw new IllegalStateException("the ACS is down for DU completes"); // HTTP 500: the session fails
        };
        acs.then(change("keep", install("speedtest-1.0.json")));
        start();
        await().atMost(Duration.ofSeconds(15)).until(() -> !acs.responsesTo(DUStateChangeComplete.class).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.sessionsEnded.contains(false));
        agent.stop();

        acs.cpeRequestAnswer = FakeAcs::acknowledge;
        int before = acs.responsesTo(DUStateChangeComplete.class).size();
        int informs = acs.informs.size();
        start();
        complete(before);
        assertThat(acs.informs.get(informs).event()).contains(new EventStruct(EventCode.BOOT, ""),
                new EventStruct(EventCode.DU_STATE_CHANGE_COMPLETE, ""),
                new EventStruct(EventCode.M_CHANGE_DU_STATE, "keep"));
        assertThat(value(DU1 + "Status")).isEqualTo("Installed");
        assertThat(value(DU1 + "UUID")).isEqualTo(UUID);
        assertThat(value(EU1 + "Status")).isEqualTo("Active");
        assertThat(value(SM + "ExecutionUnitNumberOfEntries")).isEqualTo("2");
    }

    @Test
    void aBrokenInstallerFailsTheInstallWithoutLeavingAUnit() {
        DeploymentUnitInstaller broken = new DeploymentUnitInstaller() {
            @Override
            public void install(DeploymentUnit unit, Path packageFile) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public void update(DeploymentUnit unit, Path packageFile) {
            }

            @Override
            public void uninstall(DeploymentUnit unit) {
            }
        };
        acs.then(change("b", install("other.json")));
        start(broken);
        DUStateChangeComplete dc = complete(0);
        assertThat(dc.results()).singleElement().satisfies(r -> {
            assertThat(r.fault().faultCode()).isEqualTo(FaultCode.CPE_REQUEST_DENIED.code());
            assertThat(r.fault().faultString()).contains("disk on fire");
            assertThat(r.currentState()).isEqualTo("Failed");
        });
        assertThat(value(SM + "DeploymentUnitNumberOfEntries")).isEqualTo("0");
    }

    @Test
    void anUpdateWithoutUuidAndUrlUpdatesEveryUnitFromItsOwnUrl() {
        acs.then(change("i", install("speedtest-1.0.json"), install("other.json")));
        start();
        complete(0);
        files.put("speedtest-1.0.json", SPEEDTEST_2); // the same URL now serves 2.0
        files.put("third.json", """
                {"name": "third", "version": "3"}""");
        acs.then(change("all", new UpdateOpStruct("", "", "", "", ""), install("third.json")));
        agent.requestSession();
        DUStateChangeComplete dc = complete(1);
        // Two results for the first operation (two units), one for the second.
        assertThat(dc.results()).extracting(OpResultStruct::deploymentUnitRef, r -> r.fault().faultCode())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SM + "DeploymentUnit.1", 0),
                        org.assertj.core.groups.Tuple.tuple(SM + "DeploymentUnit.2",
                                FaultCode.INVALID_DU_UPDATE_VERSION_EXISTS.code()),
                        org.assertj.core.groups.Tuple.tuple(SM + "DeploymentUnit.3", 0));
        assertThat(value(DU1 + "Version")).isEqualTo("2.0");
    }

    @Test
    void aProfileWithoutSoftwareModulesDoesNotAnswerChangeDUState() {
        acs.then(change("x", install("other.json")));
        agent = agent(acs.url(), state).profile("legacy-gateway").build();
        agent.addListener(events);
        agent.start();
        events.awaitOkSessions(1);
        assertThat(((Fault) acs.responsesTo(Fault.class).getFirst().envelope().body()).faultCode())
                .isEqualTo(FaultCode.CPE_METHOD_NOT_SUPPORTED.code());
    }

    @Test
    void aLocalInstallAndUninstallAreReportedAsAutonomousChanges() {
        start();
        events.awaitOkSessions(1);
        List<AutonOpResultStruct> installed = agent.softwareModules().install(url("other.json"), "", "", "");
        assertThat(installed).singleElement().satisfies(r -> {
            assertThat(r.operationPerformed()).isEqualTo("Install");
            assertThat(r.currentState()).isEqualTo("Installed");
            assertThat(r.fault().faultCode()).isZero();
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> !acs.responsesTo(AutonomousDUStateChangeComplete.class).isEmpty());
        AutonomousDUStateChangeComplete ac = (AutonomousDUStateChangeComplete)
                acs.responsesTo(AutonomousDUStateChangeComplete.class).get(0).envelope().body();
        assertThat(ac.results()).isEqualTo(installed);
        assertThat(acs.informs).anySatisfy(i -> assertThat(i.event())
                .contains(new EventStruct(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, "")));

        String uuid = installed.get(0).uuid();
        List<AutonOpResultStruct> removed = agent.softwareModules().uninstall(uuid);
        assertThat(removed).singleElement().satisfies(r -> {
            assertThat(r.operationPerformed()).isEqualTo("Uninstall");
            assertThat(r.currentState()).isEqualTo("Uninstalled");
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> acs.responsesTo(AutonomousDUStateChangeComplete.class).size() == 2);
        assertThat(value(SM + "DeploymentUnitNumberOfEntries")).isEqualTo("0");
        // a failed local change is reported too, as long as DUStateChangeComplPolicy asks for failures
        assertThat(agent.softwareModules().uninstall(uuid)).singleElement()
                .satisfies(r -> assertThat(r.fault().faultCode()).isEqualTo(FaultCode.UNKNOWN_DEPLOYMENT_UNIT.code()));
        await().atMost(Duration.ofSeconds(15)).until(() -> acs.responsesTo(AutonomousDUStateChangeComplete.class).size() == 3);
        agent.setLocalValue("Device.ManagementServer.DUStateChangeComplPolicy.ResultTypeFilter", "Success");
        assertThat(agent.softwareModules().uninstall(uuid)).singleElement()
                .satisfies(r -> assertThat(r.fault().faultCode()).isEqualTo(FaultCode.UNKNOWN_DEPLOYMENT_UNIT.code()));
        assertThat(agent.softwareModules().holds(new EventStruct(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, "")))
                .isFalse();
        agent.setLocalValue("Device.ManagementServer.DUStateChangeComplPolicy.OperationTypeFilter", "Uninstall");
        agent.softwareModules().install(url("other.json"), "", "", ""); // installs are no longer reported
        assertThat(agent.softwareModules().holds(new EventStruct(EventCode.AUTONOMOUS_DU_STATE_CHANGE_COMPLETE, "")))
                .isFalse();
        assertThat(value(SM + "DeploymentUnitNumberOfEntries")).isEqualTo("1");
    }
}
