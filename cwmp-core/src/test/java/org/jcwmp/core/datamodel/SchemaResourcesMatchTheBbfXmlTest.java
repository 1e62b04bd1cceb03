package org.jcwmp.core.datamodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Re-runs the importer on the Broadband Forum's XML, when it is at hand, and compares with the committed resources,
 * so the two never drift apart. The XML lives outside the repository (../shared/data/bbf, or -Djcwmp.bbf.dir).
 */
class SchemaResourcesMatchTheBbfXmlTest {
    private static final Path BBF = Path.of(System.getProperty("jcwmp.bbf.dir", "../../shared/data/bbf"));

    @ParameterizedTest
    @ValueSource(strings = {Schema.TR_181, Schema.TR_098})
    void importerOutputEqualsTheCommittedResource(String name) throws IOException {
        assumeTrue(Files.isDirectory(BBF), "skipped: no BBF XML at " + BBF.toAbsolutePath()
                + " (set -Djcwmp.bbf.dir to check the committed schemas against it)");
        String imported = SchemaImporter.importSchema(BBF, name);
        String committed;
        try (InputStream in = Schema.class.getResourceAsStream("/datamodel/" + name + ".schema")) {
            committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Equal as text: a difference means the importer or the resource changed without the other.
        assertThat(imported).as("re-run SchemaImporter (docs/datamodel.md) and commit its output").isEqualTo(committed);
    }
}
