package org.jcwmp.cpe.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.cpe.model.ModelState;
import org.jcwmp.cpe.model.ParameterAttributes;
import org.jcwmp.cpe.session.ScheduledInforms.ScheduledInform;

/**
 * Keeps {@link AgentState} in one JSON file in the state directory. Every save writes a temporary file, forces
 * it to disk and renames it over the old one, so a crash leaves either the old or the new state, never half.
 */
public final class StateStore {
    public static final String FILE_NAME = "cpe-state.json";
    /** 2 added the profile, instances, attributes, pending changes and scheduled Informs; 1 is still read. */
    private static final int FORMAT = 2;

    private final Path directory;
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's layout; kept apart from {@link AgentState} so the format changes only on purpose. */
    record StateFile(int format, String profile, boolean bootstrapDone, Map<String, String> values,
                     List<String> instances, Map<String, Long> nextInstanceNumbers,
                     Map<String, StoredAttributes> attributes, List<StoredEvent> pendingEvents,
                     List<String> pendingChanges, List<StoredSchedule> scheduledInforms) {
    }

    record StoredEvent(String eventCode, String commandKey) {
    }

    record StoredAttributes(int notification, List<String> accessList) {
    }

    record StoredSchedule(String due, String commandKey) {
    }

    public StateStore(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * The saved state, or empty when none was ever saved (a device out of the box).
     *
     * @throws UncheckedIOException when the file exists but cannot be read; starting over would bootstrap the
     *                              device again, so that is left to a person
     */
    public synchronized Optional<AgentState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            StateFile f = mapper.readValue(file.toFile(), StateFile.class);
            if (f.format() != 1 && f.format() != FORMAT) {
                throw new IOException("unknown state format " + f.format());
            }
            List<EventStruct> events = new ArrayList<>();
            if (f.pendingEvents() != null) {
                f.pendingEvents().forEach(e -> events.add(new EventStruct(e.eventCode(), e.commandKey() == null ? "" : e.commandKey())));
            }
            Map<String, ParameterAttributes> attributes = new LinkedHashMap<>();
            if (f.attributes() != null) {
                f.attributes().forEach((path, a) -> attributes.put(path, new ParameterAttributes(a.notification(), a.accessList())));
            }
            List<ScheduledInform> scheduled = new ArrayList<>();
            if (f.scheduledInforms() != null) {
                f.scheduledInforms().forEach(s -> scheduled.add(new ScheduledInform(Instant.parse(s.due()), s.commandKey())));
            }
            // Format 1 kept no instances: null lets the model take the profile's.
            ModelState model = new ModelState(f.instances(), f.nextInstanceNumbers(), f.values(), attributes);
            return Optional.of(new AgentState(f.profile(), f.bootstrapDone(), model, events, f.pendingChanges(), scheduled));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CPE state " + file, e);
        }
    }

    /** Replaces the saved state atomically. */
    public synchronized void save(AgentState state) {
        List<StoredEvent> events = state.pendingEvents().stream()
                .map(e -> new StoredEvent(e.eventCode(), e.commandKey())).toList();
        ModelState m = state.model();
        Map<String, StoredAttributes> attributes = new TreeMap<>();
        m.attributes().forEach((path, a) -> attributes.put(path, new StoredAttributes(a.notification(), a.accessList())));
        List<StoredSchedule> scheduled = state.scheduledInforms().stream()
                .map(s -> new StoredSchedule(s.due().toString(), s.commandKey())).toList();
        StateFile f = new StateFile(FORMAT, state.profile(), state.bootstrapDone(), new TreeMap<>(m.values()),
                m.instances(), new TreeMap<>(m.nextInstanceNumbers()), attributes, events, state.pendingChanges(),
                scheduled);
        Path tmp = directory.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(directory);
            byte[] json = mapper.writeValueAsBytes(f);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                restrictToOwner(tmp); // the file holds passwords
                ch.write(java.nio.ByteBuffer.wrap(json));
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CPE state " + file, e);
        }
    }

    private static void restrictToOwner(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the directory's permissions have to do
        }
    }
}
