package org.jcwmp.it;

import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.store.Device;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** Records every Inform the ACS answers, so tests can wait for one (like Leshan's waitForNewRegistrationOf). */
final class InformRecorder implements AcsListener {
    record Received(String deviceId, List<String> events, List<EventStruct> eventStructs,
                    List<org.jcwmp.core.rpc.ParameterValueStruct> parameters, long nanos) {
        String value(String name) {
            return parameters.stream().filter(p -> p.name().equals(name)).map(p -> p.value()).findFirst().orElse(null);
        }
    }

    private final List<Received> informs = new CopyOnWriteArrayList<>();

    @Override
    public void informed(Device device, Inform inform) {
        informs.add(new Received(device.id(), inform.event().stream().map(EventStruct::eventCode).toList(),
                inform.event(), inform.parameterList(), System.nanoTime()));
    }

    /** Waits for an Inform of the device carrying the event, received after the mark. */
    Received waitFor(String deviceId, String eventCode, long afterNanos) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> find(deviceId, eventCode, afterNanos), r -> r != null);
    }

    Received find(String deviceId, String eventCode, long afterNanos) {
        return informs.stream().filter(r -> r.deviceId.equals(deviceId) && r.nanos > afterNanos
                && r.events.contains(eventCode)).findFirst().orElse(null);
    }

    List<Received> all() {
        return List.copyOf(informs);
    }
}
