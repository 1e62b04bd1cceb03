package org.jcwmp.cpe.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jcwmp.cpe.model.CpeFaultException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package manifest, UUIDs and version order of the software modules. */
class SoftwarePackageTest {
    @TempDir
    Path dir;

    private DeploymentUnitPackage read(String json) throws Exception {
        Path f = dir.resolve("du.json");
        Files.writeString(f, json);
        return DeploymentUnitPackage.read(f);
    }

    @Test
    void aManifestGivesTheUnitAndItsExecutionUnits() throws Exception {
        DeploymentUnitPackage p = read("""
                {"name": "n", "vendor": "v.example", "version": "1.2", "description": "d",
                 "executionUnits": [{"name": "a", "autoStart": true}, {"name": "b", "version": "7"}]}""");
        assertThat(p.name()).isEqualTo("n");
        assertThat(p.executionUnits()).containsExactly(
                new DeploymentUnitPackage.ExecutionUnitSpec("a", true, "1.2", ""),
                new DeploymentUnitPackage.ExecutionUnitSpec("b", false, "7", ""));
    }

    @Test
    void badManifestsAreUnusableFiles9018() {
        for (String json : new String[] {"[]", "{\"version\": \"1\"}", "{\"name\": \"n\"}",
                "{\"name\": \"n\", \"version\": \"123456789012345678901234567890123\"}",
                "{\"name\": \"n\", \"version\": \"1\", \"executionUnits\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}",
                "{\"name\": \"n\", \"version\": \"1\", \"executionUnits\": [{\"name\": \"a\", \"autoStart\": \"yes\"}]}",
                "not json"}) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOfSatisfying(CpeFaultException.class,
                    e -> assertThat(e.fault().faultCode()).isEqualTo(9018));
        }
    }

    @Test
    void generatedUuidsAreVersion5AndStablePerVendorAndName() {
        String a = DeploymentUnitUuid.of("example.com", "speedtest");
        assertThat(a).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(java.util.UUID.fromString(a).version()).isEqualTo(5);
        assertThat(DeploymentUnitUuid.of("example.com", "speedtest")).isEqualTo(a);
        assertThat(DeploymentUnitUuid.of("example.org", "speedtest")).isNotEqualTo(a);
        assertThat(DeploymentUnitUuid.isValid(a.toUpperCase())).isTrue();
        assertThat(DeploymentUnitUuid.isValid("1234")).isFalse();
        assertThat(DeploymentUnitUuid.isValid("")).isFalse();
    }

    @Test
    void versionsCompareSegmentBySegment() {
        assertThat(SoftwareModules.compareVersions("1.10", "1.9")).isPositive();
        assertThat(SoftwareModules.compareVersions("1.2", "1.2.1")).isNegative();
        assertThat(SoftwareModules.compareVersions("2.0", "2.0")).isZero();
        assertThat(SoftwareModules.compareVersions("1.0-rc2", "1.0-rc1")).isPositive();
    }
}
