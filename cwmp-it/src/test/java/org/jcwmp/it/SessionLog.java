package org.jcwmp.it;

import org.jcwmp.acs.AcsListener;
import org.jcwmp.acs.store.Device;
import org.jcwmp.acs.task.Task;
import org.jcwmp.core.rpc.EventStruct;
import org.jcwmp.core.rpc.Inform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What happened to each device on the ACS, in order: "inform:1 BOOT,0 BOOTSTRAP", "rpc:setParameterValues:done", "end". */
final class SessionLog implements AcsListener {
    private final Map<String, List<String>> byDevice = new ConcurrentHashMap<>();

    @Override
    public void informed(Device device, Inform inform) {
        add(device.id(), "inform:" + String.join(",", inform.event().stream().map(EventStruct::eventCode).sorted().toList()));
    }

    @Override
    public void taskFinished(Task task) {
        add(task.deviceId(), "rpc:" + task.name() + ":" + task.status().name().toLowerCase());
    }

    @Override
    public void sessionEnded(String deviceId) {
        add(deviceId, "end");
    }

    private void add(String device, String entry) {
        List<String> l = byDevice.computeIfAbsent(device, k -> new ArrayList<>());
        synchronized (l) {
            l.add(entry);
        }
    }

    List<String> of(String device) {
        List<String> l = byDevice.getOrDefault(device, List.of());
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    long rpcs(String device) {
        return of(device).stream().filter(e -> e.startsWith("rpc:")).count();
    }

    long sessionsEnded(String device) {
        return of(device).stream().filter(e -> e.equals("end")).count();
    }

    void clear() {
        byDevice.clear();
    }
}
