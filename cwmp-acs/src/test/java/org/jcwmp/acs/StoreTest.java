package org.jcwmp.acs;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcwmp.acs.store.Database;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.task.Task;
import org.jcwmp.acs.task.TaskService;
import org.jcwmp.acs.task.TaskStatus;
import org.jcwmp.acs.task.TaskStore;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.FaultCode;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValuesResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

abstract class StoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private TestDatabases.TestStore testStore;

    /** "h2" or "postgresql". */
    abstract String store();
    private Database db;
    private DeviceStore devices;
    private TaskService tasks;

    @BeforeEach
    void open() {
        testStore = TestDatabases.open(store(), dir);
        db = testStore.db();
        devices = new DeviceStore(db);
        tasks = new TaskService(new TaskStore(db), devices, JSON);
    }

    @AfterEach
    void close() {
        testStore.close();
    }

    private static Inform inform(String serial, String event, String swVersion) {
        return new Inform(new DeviceIdStruct("Acme", "00D09E", "Box 1", serial), List.of(new EventStruct(event, "")), 1,
                "2026-11-21T10:00:00Z", 0, List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", swVersion, "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.ConnectionRequestURL", "http://10.0.0.1:7547/x", "xsd:string")));
    }

    @Test
    void firstInformCreatesTheDeviceAndLaterOnesUpdateIt() {
        Instant t1 = Instant.parse("2026-11-21T10:00:00Z");
        Device created = devices.recordInform(inform("SN-1", "0 BOOTSTRAP", "1.0"), t1);
        assertThat(created.id()).isEqualTo("00D09E-Box%201-SN%2D1");
        assertThat(created.firstContact()).isEqualTo(t1);
        assertThat(created.lastBoot()).isEqualTo(t1);
        assertThat(created.connectionRequestUrl()).isEqualTo("http://10.0.0.1:7547/x");

        Instant t2 = t1.plusSeconds(60);
        Device updated = devices.recordInform(inform("SN-1", "2 PERIODIC", "1.1"), t2);
        assertThat(updated.firstContact()).isEqualTo(t1);
        assertThat(updated.lastContact()).isEqualTo(t2);
        assertThat(updated.lastBoot()).isEqualTo(t1);
        assertThat(devices.parameters(created.id(), "Device.DeviceInfo.").getFirst().value()).isEqualTo("1.1");
        assertThat(devices.events(created.id(), 10)).extracting(e -> e.eventCode())
                .containsExactly("2 PERIODIC", "0 BOOTSTRAP");
        assertThat(devices.count()).isEqualTo(1);
    }

    @Test
    void anInformRewritesOnlyTheValuesThatChangedAndKeepsTheDeviceRowInStep() {
        Instant t1 = Instant.parse("2026-11-21T10:00:00Z");
        Device d = devices.recordInform(inform("SN-6", "1 BOOT", "1.0"), t1);
        Instant t2 = t1.plusSeconds(60);
        Inform moved = new Inform(new DeviceIdStruct("Acme", "00D09E", "Box 1", "SN-6"),
                List.of(new EventStruct("2 PERIODIC", "")), 1, "2026-11-21T10:01:00Z", 0, List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", "1.0", "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.ConnectionRequestURL", "http://10.0.0.2:7547/y", "xsd:string")));
        Device after = devices.recordInform(moved, t2);

        assertThat(after.connectionRequestUrl()).isEqualTo("http://10.0.0.2:7547/y");
        assertThat(after.lastBoot()).isEqualTo(t1);
        assertThat(devices.find(d.id()).orElseThrow()).isEqualTo(after);
        var stored = devices.parameters(d.id(), "Device.");
        assertThat(stored).extracting(p -> p.name() + "=" + p.value() + "@" + p.updated()).containsExactly(
                "Device.DeviceInfo.SoftwareVersion=1.0@" + t1, // same value: not written again
                "Device.ManagementServer.ConnectionRequestURL=http://10.0.0.2:7547/y@" + t2);
    }

    @Test
    void anInformLikeTheLastOneStillRestoresValuesWrittenOrForgottenSinceThen() {
        Instant t1 = Instant.parse("2026-11-21T10:00:00Z");
        Device d = devices.recordInform(inform("SN-7", "1 BOOT", "1.0"), t1);
        String version = "Device.DeviceInfo.SoftwareVersion";
        String url = "Device.ManagementServer.ConnectionRequestURL";

        devices.storeValues(d.id(), List.of(new ParameterValueStruct(version, "2.0", "xsd:string")), t1.plusSeconds(1));
        devices.recordInform(inform("SN-7", "2 PERIODIC", "1.0"), t1.plusSeconds(60));
        assertThat(devices.parameters(d.id(), version).getFirst().value()).isEqualTo("1.0");

        devices.deleteObject(d.id(), "Device.ManagementServer.");
        devices.recordInform(inform("SN-7", "2 PERIODIC", "1.0"), t1.plusSeconds(120));
        assertThat(devices.parameters(d.id(), url)).extracting(p -> p.value()).containsExactly("http://10.0.0.1:7547/x");

        devices.forgetUnreported(d.id(), List.of("Device.DeviceInfo."), java.util.Set.of());
        assertThat(devices.parameters(d.id(), version)).isEmpty();
        devices.recordInform(inform("SN-7", "2 PERIODIC", "1.0"), t1.plusSeconds(180));
        assertThat(devices.parameters(d.id(), version)).extracting(p -> p.value() + "@" + p.updated())
                .containsExactly("1.0@" + t1.plusSeconds(180));

        Device same = devices.recordInform(inform("SN-7", "2 PERIODIC", "1.0"), t1.plusSeconds(240));
        assertThat(same.lastContact()).isEqualTo(t1.plusSeconds(240));
        assertThat(devices.parameters(d.id(), "Device.")).extracting(p -> p.name() + "@" + p.updated()).containsExactly(
                version + "@" + t1.plusSeconds(180), url + "@" + t1.plusSeconds(120));
    }

    @Test
    void aPrefixWithLikeWildcardsMatchesLiterally() {
        Device d = devices.recordInform(inform("SN-2", "1 BOOT", "1.0"), Instant.now());
        devices.storeValues(d.id(), List.of(new ParameterValueStruct("Device.X_A%B.C", "1", "xsd:int"),
                new ParameterValueStruct("Device.X_AZB.C", "2", "xsd:int")), Instant.now());
        assertThat(devices.parameters(d.id(), "Device.X_A%")).extracting(p -> p.name()).containsExactly("Device.X_A%B.C");
    }

    @Test
    void tasksRunInOrderAndRecordResultsAndFaults() throws Exception {
        Device d = devices.recordInform(inform("SN-3", "1 BOOT", "1.0"), Instant.now());
        Task first = tasks.queue(d.id(), JSON.readTree(
                "{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.\"]}"));
        Task second = tasks.queue(d.id(), JSON.readTree(
                "{\"name\":\"setParameterValues\",\"parameterValues\":[[\"Device.X_A\",\"v\",\"xsd:string\"]]}"));
        var waiter = tasks.whenFinished(first.id());

        var running = tasks.next(d.id()).orElseThrow();
        assertThat(running.task().id()).isEqualTo(first.id());
        assertThat(running.request()).isEqualTo(new GetParameterValues(List.of("Device.DeviceInfo.")));
        tasks.completed(running, new GetParameterValuesResponse(
                List.of(new ParameterValueStruct("Device.DeviceInfo.HardwareVersion", "HW9", "xsd:string"))));
        assertThat(waiter).isCompleted();
        assertThat(waiter.get().status()).isEqualTo(TaskStatus.DONE);
        assertThat(devices.parameters(d.id(), "Device.DeviceInfo.HardwareVersion").getFirst().value()).isEqualTo("HW9");

        var spv = tasks.next(d.id()).orElseThrow();
        assertThat(spv.task().id()).isEqualTo(second.id());
        tasks.interrupted(spv);
        assertThat(tasks.find(second.id()).orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
        spv = tasks.next(d.id()).orElseThrow();
        Task failed = tasks.failed(spv, new Fault(FaultCode.INVALID_PARAMETER_NAME));
        assertThat(failed.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(failed.faultCode()).isEqualTo(9005);
        assertThat(tasks.next(d.id())).isEmpty();
        assertThat(devices.parameters(d.id(), "Device.X_A")).isEmpty();
    }

    @Test
    void queuedTasksAreFoundByEachStoreOnTheDatabaseAndAfterEveryWayOfQueueing() throws Exception {
        Device d = devices.recordInform(inform("SN-5", "1 BOOT", "1.0"), Instant.now());
        Device idle = devices.recordInform(inform("SN-6", "1 BOOT", "1.0"), Instant.now());
        assertThat(tasks.hasQueued(d.id())).isFalse();
        assertThat(tasks.next(d.id())).isEmpty();
        Task gpv = tasks.queue(d.id(), JSON.readTree("{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.\"]}"));
        assertThat(tasks.hasQueued(d.id())).isTrue();
        assertThat(tasks.hasQueued(idle.id())).isFalse();

        // a store opened later on the same database (an ACS restarted) finds what an earlier one queued
        TaskService restarted = new TaskService(new TaskStore(db), devices, JSON);
        assertThat(restarted.hasQueued(d.id())).isTrue();
        var running = restarted.next(d.id()).orElseThrow();
        assertThat(running.task().id()).isEqualTo(gpv.id());
        assertThat(restarted.hasQueued(d.id())).isFalse();
        assertThat(restarted.next(d.id())).isEmpty();

        // queued again after its session broke off, and by the recovery of a killed ACS
        restarted.interrupted(running);
        assertThat(restarted.hasQueued(d.id())).isTrue();
        running = restarted.next(d.id()).orElseThrow();
        TaskService afterKill = new TaskService(new TaskStore(db), devices, JSON);
        assertThat(afterKill.recoverInterrupted()).isEmpty();
        assertThat(afterKill.next(d.id()).orElseThrow().task().id()).isEqualTo(gpv.id());

        Task download = tasks.queue(d.id(), JSON.readTree("{\"name\":\"download\",\"fileType\":\"1 Firmware Upgrade Image\","
                + "\"url\":\"http://files.example/fw.bin\"}"));
        assertThat(tasks.next(d.id()).orElseThrow().task().id()).isEqualTo(download.id());
    }

    @Test
    void acceptedConnectionRequestCredentialsAreKeptForLaterRequests() throws Exception {
        Device d = devices.recordInform(inform("SN-4", "1 BOOT", "1.0"), Instant.now());
        tasks.queue(d.id(), JSON.readTree("{\"name\":\"setParameterValues\",\"parameterValues\":["
                + "[\"Device.ManagementServer.ConnectionRequestUsername\",\"u1\",\"xsd:string\"],"
                + "[\"Device.ManagementServer.ConnectionRequestPassword\",\"p1\",\"xsd:string\"]]}"));
        tasks.completed(tasks.next(d.id()).orElseThrow(), new SetParameterValuesResponse(0));
        Device after = devices.find(d.id()).orElseThrow();
        assertThat(after.connectionRequestUsername()).isEqualTo("u1");
        assertThat(after.connectionRequestPassword()).isEqualTo("p1");
    }

    @Test
    void malformedTasksAreRefusedAndNothingIsStored() {
        Device d = devices.recordInform(inform("SN-5", "1 BOOT", "1.0"), Instant.now());
        for (String bad : List.of("{}", "{\"name\":\"explode\"}", "{\"name\":\"getParameterValues\"}",
                "{\"name\":\"getParameterValues\",\"parameterNames\":[1]}",
                "{\"name\":\"setParameterValues\",\"parameterValues\":[[\"Device.\",\"x\"]]}",
                "{\"name\":\"addObject\",\"objectName\":\"Device.NAT.Host\"}")) {
            assertThatThrownBy(() -> tasks.queue(d.id(), JSON.readTree(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"");
        }
        assertThat(tasks.forDevice(d.id())).isEmpty();
    }

    @Test
    void tasksAreCheckedAgainstTheDataModelBeforeTheyAreQueued() throws Exception {
        Device d = devices.recordInform(inform("SN-7", "1 BOOT", "1.0"), Instant.now());
        record Bad(String task, String message) {
        }
        for (Bad bad : List.of(
                new Bad("{\"name\":\"getParameterValues\",\"parameterNames\":[\"Device.DeviceInfo.Nope\"]}",
                        "Device.DeviceInfo.Nope is not in"),
                new Bad("{\"name\":\"setParameterValues\",\"parameterValues\":[[\"Device.DeviceInfo.SerialNumber\",\"x\"]]}",
                        "Device.DeviceInfo.SerialNumber is not writable"),
                new Bad("{\"name\":\"setParameterValues\",\"parameterValues\":"
                        + "[[\"Device.ManagementServer.PeriodicInformInterval\",\"soon\"]]}",
                        "Device.ManagementServer.PeriodicInformInterval: "),
                new Bad("{\"name\":\"setParameterValues\",\"parameterValues\":"
                        + "[[\"Device.ManagementServer.PeriodicInformInterval\",\"60\",\"xsd:string\"]]}",
                        "is xsd:unsignedInt, not xsd:string"),
                new Bad("{\"name\":\"addObject\",\"objectName\":\"Device.DeviceInfo.\"}", "is not a table"),
                new Bad("{\"name\":\"deleteObject\",\"objectName\":\"Device.NAT.PortMapping.\"}", "must name an instance"))) {
            assertThatThrownBy(() -> tasks.queue(d.id(), JSON.readTree(bad.task())))
                    .as(bad.task()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.message());
        }
        assertThat(tasks.forDevice(d.id())).isEmpty();

        // Vendor extensions are the CPE's to judge; a standard parameter's type comes from the model.
        tasks.queue(d.id(), JSON.readTree("{\"name\":\"setParameterValues\",\"parameterValues\":["
                + "[\"Device.ManagementServer.PeriodicInformInterval\",\"60\"],[\"Device.X_ACME_Mode\",\"fast\"]]}"));
        var spv = (org.jcwmp.core.rpc.SetParameterValues) tasks.next(d.id()).orElseThrow().request();
        assertThat(spv.parameterList()).extracting(ParameterValueStruct::type).containsExactly("xsd:unsignedInt", "xsd:string");
    }

    @Test
    void typesFollowTheJsonValueWhenNotGiven() throws Exception {
        Device d = devices.recordInform(inform("SN-6", "1 BOOT", "1.0"), Instant.now());
        tasks.queue(d.id(), JSON.readTree("{\"name\":\"setParameterValues\",\"parameterValues\":["
                + "[\"Device.X_A\",true],[\"Device.X_B\",60],{\"name\":\"Device.X_C\",\"value\":\"x\"}]}"));
        var spv = (org.jcwmp.core.rpc.SetParameterValues) tasks.next(d.id()).orElseThrow().request();
        assertThat(spv.parameterList()).extracting(ParameterValueStruct::type)
                .containsExactly("xsd:boolean", "xsd:unsignedInt", "xsd:string");
    }
}

class H2StoreTest extends StoreTest {
    @Override
    String store() {
        return "h2";
    }
}

class PostgresStoreTest extends StoreTest {
    @Override
    String store() {
        return "postgresql";
    }
}
