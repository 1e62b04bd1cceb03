package org.jcwmp.cpe.software;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jcwmp.core.rpc.AutonOpResultStruct;
import org.jcwmp.core.rpc.DuOperation;
import org.jcwmp.core.rpc.InstallOpStruct;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.core.rpc.UninstallOpStruct;
import org.jcwmp.core.rpc.UpdateOpStruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must survive a restart besides the data model, in {@value #FILE_NAME} (written atomically, owner-only since it
 * holds download passwords): ChangeDUState requests accepted and not yet done, DUStateChangeCompletes and autonomous
 * results not yet answered by the ACS. Not thread-safe: {@link SoftwareModules} guards it.
 */
final class PendingChanges {
    private static final Logger log = LoggerFactory.getLogger(PendingChanges.class);
    static final String FILE_NAME = "cpe-software-modules.json";

    /** One ChangeDUState operation, flat for the file. */
    record Operation(String type, String url, String uuid, String version, String username, String password,
                     String executionEnvRef) {
        static Operation of(DuOperation op) {
            return switch (op) {
                case InstallOpStruct i -> new Operation("Install", n(i.url()), n(i.uuid()), "", n(i.username()),
                        n(i.password()), n(i.executionEnvRef()));
                case UpdateOpStruct u -> new Operation("Update", n(u.url()), n(u.uuid()), n(u.version()),
                        n(u.username()), n(u.password()), "");
                case UninstallOpStruct u -> new Operation("Uninstall", "", n(u.uuid()), n(u.version()), "", "",
                        n(u.executionEnvRef()));
            };
        }

        private static String n(String s) {
            return s == null ? "" : s.strip();
        }
    }

    /**
     * A ChangeDUState accepted and not yet complete: how many operations are done and their results (an operation
     * on several deployment units has several), and while one runs its index ({@code running}, else -1) and start.
     */
    record Change(long id, String commandKey, List<Operation> operations, List<OpResultStruct> results, int done,
                  int running, String runningSince) {
        Change {
            operations = List.copyOf(operations);
            results = List.copyOf(results);
        }
    }

    /** A DUStateChangeComplete not yet answered. */
    record Complete(String commandKey, List<OpResultStruct> results) {
        Complete {
            results = List.copyOf(results);
        }
    }

    record StoreFile(List<Change> changes, List<Complete> completes, List<AutonOpResultStruct> autonomous,
                     long nextId) {
    }

    private final Path directory;
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    final List<Change> changes = new ArrayList<>();
    final List<Complete> completes = new ArrayList<>();
    final List<AutonOpResultStruct> autonomous = new ArrayList<>();
    long nextId = 1;

    PendingChanges(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try {
                StoreFile f = mapper.readValue(file.toFile(), StoreFile.class);
                if (f.changes() != null) {
                    changes.addAll(f.changes());
                }
                if (f.completes() != null) {
                    completes.addAll(f.completes());
                }
                if (f.autonomous() != null) {
                    autonomous.addAll(f.autonomous());
                }
                nextId = Math.max(1, f.nextId());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read software module state " + file, e);
            }
        }
    }

    void save() {
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(directory);
            Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(new StoreFile(
                    List.copyOf(changes), List.copyOf(completes), List.copyOf(autonomous), nextId)));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.error("cannot write software module state {}", file, e);
        }
    }
}
