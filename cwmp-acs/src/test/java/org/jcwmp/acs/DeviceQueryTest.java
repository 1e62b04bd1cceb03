package org.jcwmp.acs;

import org.jcwmp.acs.query.DeviceView;
import org.jcwmp.acs.query.Query;
import org.jcwmp.acs.query.QueryMatcher;
import org.jcwmp.acs.query.QueryParser;
import org.jcwmp.acs.query.SqlQuery;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.store.DeviceSearch;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.StoredParameter;
import org.jcwmp.acs.store.TagStore;
import org.jcwmp.core.rpc.DeviceIdStruct;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device query language: the SQL search and the in-memory matcher give the same devices, on H2 and PostgreSQL. */
abstract class DeviceQueryTest {
    @TempDir
    Path dir;
    private TestDatabases.TestStore store;
    private DeviceStore devices;
    private DeviceSearch search;
    private TagStore tags;
    private final Instant now = Instant.now();

    abstract String store();

    @BeforeEach
    void fill() {
        store = TestDatabases.open(store(), dir);
        devices = new DeviceStore(store.db());
        search = new DeviceSearch(store.db(), devices);
        tags = new TagStore(store.db());
        device("HomeGateway", "A1", "1.0", "300", "true", now.minusSeconds(30), "1 BOOT");
        device("HomeGateway", "A2", "2.0", "86400", "false", now.minusSeconds(3600), "2 PERIODIC");
        device("SetTopBox", "B1", "2.0", "-5", "1", now.minusSeconds(10 * 86400), "2 PERIODIC");
        device("SetTopBox", "B_2", "3.1-beta", "oops", "0", now.minusSeconds(60), "2 PERIODIC");
        tags.change("00D09E-HomeGateway-A1", List.of("lab", "vip"), List.of());
        tags.change("00D09E-SetTopBox-B1", List.of("lab"), List.of());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void device(String productClass, String serial, String sw, String interval, String enabled, Instant at, String event) {
        devices.recordInform(new Inform(new DeviceIdStruct("jcwmp", "00D09E", productClass, serial),
                List.of(new EventStruct(event, "")), 1, at.toString(), 0, List.of(
                new ParameterValueStruct("Device.DeviceInfo.SoftwareVersion", sw, "xsd:string"),
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformInterval", interval, "xsd:int"),
                new ParameterValueStruct("Device.ManagementServer.PeriodicInformEnable", enabled, "xsd:boolean"))), at);
    }

    /** Runs the query both ways and checks they agree; returns the serial numbers found. */
    private List<String> find(String json) {
        Query q = QueryParser.parse(json);
        List<String> bySql = search.search(q, List.of(), 0, 100).devices().stream().map(d -> d.deviceId().serialNumber()).toList();
        List<String> inMemory = devices.list(0, 100).stream().filter(d -> QueryMatcher.matches(q, view(d)))
                .map(d -> d.deviceId().serialNumber()).toList();
        assertThat(inMemory).as("in memory vs SQL for " + json).containsExactlyInAnyOrderElementsOf(bySql);
        return bySql;
    }

    private DeviceView view(Device d) {
        Map<String, String> values = new HashMap<>();
        for (StoredParameter p : devices.parameters(d.id(), "")) {
            if (p.value() != null) {
                values.put(p.name(), p.value());
            }
        }
        return new DeviceView(d, values, new TreeSet<>(tags.tags(d.id())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                               | A1,A2,B1,B_2",
            "{\"_deviceId._ProductClass\": \"SetTopBox\"}                     | B1,B_2",
            "{\"productClass\": {\"$in\": [\"HomeGateway\", \"X\"]}}          | A1,A2",
            "{\"Device.DeviceInfo.SoftwareVersion\": \"2.0\"}                 | A2,B1",
            "{\"Device.DeviceInfo.SoftwareVersion._value\": {\"$ne\": \"2.0\"}} | A1,B_2",
            "{\"softwareVersion\": {\"$like\": \"3.%\"}}                       | B_2",
            "{\"_tags\": \"lab\"}                                             | A1,B1",
            "{\"_tags\": {\"$ne\": \"lab\"}}                                  | A2,B_2",
            "{\"_tags\": {\"$exists\": false}}                                | A2,B_2",
            "{\"_tags\": {\"$all_absent\": 1}}                                | ERROR",
            "{\"Device.ManagementServer.PeriodicInformInterval\": {\"$gt\": 299}}  | A1,A2",
            "{\"Device.ManagementServer.PeriodicInformInterval\": {\"$lt\": 0}}    | B1",
            "{\"Device.ManagementServer.PeriodicInformInterval\": {\"$gte\": 300, \"$lte\": 300}} | A1",
            "{\"Device.ManagementServer.PeriodicInformEnable\": true}         | A1,B1",
            "{\"Device.ManagementServer.PeriodicInformEnable\": false}        | A2,B_2",
            "{\"Device.X.Missing\": {\"$exists\": true}}                      | ''",
            "{\"Device.X.Missing\": {\"$ne\": \"a\"}}                         | A1,A2,B1,B_2",
            "{\"_lastInform\": {\"$gt\": \"-5m\"}}                            | A1,B_2",
            "{\"lastContact\": {\"$lt\": \"-1d\"}}                            | B1",
            "{\"_lastBoot\": {\"$exists\": true}}                             | A1",
            "{\"$or\": [{\"_tags\": \"vip\"}, {\"serialNumber\": \"B_2\"}]}   | A1,B_2",
            "{\"$and\": [{\"_tags\": \"lab\"}, {\"productClass\": \"SetTopBox\"}]} | B1",
            "{\"$nor\": [{\"_tags\": \"lab\"}, {\"softwareVersion\": \"2.0\"}]}    | B_2",
            "{\"_id\": {\"$like\": \"%-B!_2\"}}                               | ''",
            "{\"_id\": {\"$like\": \"%-B_2\"}}                                | B_2",
    })
    void sqlAndMemoryAgree(String query, String expected) {
        if (expected.equals("ERROR")) {
            assertThatThrownBy(() -> QueryParser.parse(query)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown operator");
            return;
        }
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(find(query)).containsExactlyInAnyOrderElementsOf(want);
    }

    @Test
    void pagesAndSorts() {
        DeviceSearch.Page p = search.search(new Query.All(), List.of(new SqlQuery.Sort(org.jcwmp.acs.query.Field.of("_lastInform"), true)), 1, 2);
        assertThat(p.total()).isEqualTo(4);
        assertThat(p.devices()).extracting(d -> d.deviceId().serialNumber()).containsExactly("B_2", "A2");
        DeviceSearch.Page bySoftware = search.search(new Query.All(),
                List.of(new SqlQuery.Sort(org.jcwmp.acs.query.Field.of("softwareVersion"), false)), 0, 10);
        assertThat(bySoftware.devices()).extracting(d -> d.deviceId().serialNumber()).containsExactly("A1", "A2", "B1", "B_2");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> QueryParser.parse("[1]")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> QueryParser.parse("{\"lowercase\": 1}")).hasMessageContaining("neither a device field");
        assertThatThrownBy(() -> QueryParser.parse("{\"_lastInform\": {\"$gt\": \"yesterday\"}}")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> QueryParser.parse("{\"_tags\": {\"$gt\": \"a\"}}")).hasMessageContaining("tags");
        assertThatThrownBy(() -> QueryParser.parse("{\"$or\": []}")).hasMessageContaining("non-empty");
    }
}
