package org.jcwmp.acs.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.StoredAttribute;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jcwmp.core.rpc.AddObject;
import org.jcwmp.core.rpc.ChangeDUStateResponse;
import org.jcwmp.core.rpc.DUStateChangeComplete;
import org.jcwmp.core.rpc.DownloadResponse;
import org.jcwmp.core.rpc.OpResultStruct;
import org.jcwmp.core.rpc.ScheduleDownloadResponse;
import org.jcwmp.core.rpc.TransferComplete;
import org.jcwmp.core.rpc.UploadResponse;
import org.jcwmp.core.rpc.AddObjectResponse;
import org.jcwmp.core.rpc.DeleteObject;
import org.jcwmp.core.rpc.DeleteObjectResponse;
import org.jcwmp.core.rpc.GetParameterAttributesResponse;
import org.jcwmp.core.rpc.SetParameterAttributes;
import org.jcwmp.core.rpc.SetParameterAttributesResponse;
import org.jcwmp.core.rpc.CwmpRequest;
import org.jcwmp.core.rpc.CwmpResponse;
import org.jcwmp.core.rpc.Fault;
import org.jcwmp.core.rpc.GetParameterNames;
import org.jcwmp.core.rpc.GetParameterNamesResponse;
import org.jcwmp.core.rpc.GetParameterValues;
import org.jcwmp.core.rpc.GetParameterValuesResponse;
import org.jcwmp.core.rpc.ParameterValueStruct;
import org.jcwmp.core.rpc.SetParameterValues;
import org.jcwmp.core.rpc.SetParameterValuesResponse;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Queues NBI tasks, hands them to sessions one at a time, and records what the CPE answered. */
public final class TaskService {
    private static final String CR_USERNAME = ".ManagementServer.ConnectionRequestUsername";
    private static final String CR_PASSWORD = ".ManagementServer.ConnectionRequestPassword";
    private static final String STUN_USERNAME = ".ManagementServer.STUNUsername";
    private static final String STUN_PASSWORD = ".ManagementServer.STUNPassword";
    /** Tasks whose outcome the CPE reports later, matched by CommandKey. */
    private static final Set<String> TRANSFERS = Set.of("download", "upload", "scheduleDownload", "changeDUState");
    /**
     * The fault a transfer task fails with when no TransferComplete (or DUStateChangeComplete) came in time: jcwmp's
     * own code in the range TR-069 leaves to ACS vendors (8800-8899).
     */
    public static final int TRANSFER_TIMEOUT_FAULT = 8800;
    /** A task the ACS sent just before it was killed, not sent again (vendor range 8800-8899). */
    public static final int INTERRUPTED_FAULT = 8801;
    /** Requests a CPE may get twice without harm. */
    private static final java.util.Set<String> SAFE_TO_REPEAT = java.util.Set.of("GetRPCMethods", "GetParameterNames",
            "GetParameterValues", "GetParameterAttributes", "SetParameterValues", "SetParameterAttributes",
            "GetAllQueuedTransfers");
    private static final int MAX_COMMAND_KEY = 32;

    private final TaskStore store;
    private final DeviceStore devices;
    private final ObjectMapper json;
    private final Map<Long, CompletableFuture<Task>> waiters = new ConcurrentHashMap<>();
    private volatile java.util.function.LongConsumer finishedHere = id -> { };

    public TaskService(TaskStore store, DeviceStore devices, ObjectMapper json) {
        this.store = store;
        this.devices = devices;
        this.json = json;
    }

    /** A task taken by a session, with the CWMP request it becomes. */
    public record Running(Task task, CwmpRequest request) {
    }

    /**
     * Validates and queues a task.
     *
     * @throws IllegalArgumentException when the task is not well formed; nothing is stored then
     */
    public Task queue(String deviceId, JsonNode task) {
        // "validate": false sends the task as it is, for devices whose data model departs from the standard.
        if (task.path("validate").asBoolean(true)) {
            TaskRequests.toCheckedRequest(task);
        } else {
            TaskRequests.toRequest(task);
        }
        String name = task.get("name").asText();
        if (!TRANSFERS.contains(name)) {
            return store.insert(deviceId, name, task.toString(), Instant.now());
        }
        // The ACS matches the CPE's TransferComplete by CommandKey: without one from the user each task gets its own.
        String key = task.path("commandKey").asText("");
        if (key.length() > MAX_COMMAND_KEY) {
            throw new IllegalArgumentException("\"commandKey\" is at most " + MAX_COMMAND_KEY
                    + " characters (TR-069's CommandKey is string(32))");
        }
        return store.insertTransfer(deviceId, name, key,
                k -> ((ObjectNode) task.deepCopy()).put("commandKey", k).toString(), Instant.now());
    }

    public Optional<Task> find(long id) {
        return store.find(id);
    }

    public java.util.List<Task> forDevice(String deviceId) {
        return store.forDevice(deviceId);
    }

    public boolean hasQueued(String deviceId) {
        return store.hasQueued(deviceId);
    }

    /** Completes when the task is done or failed, on this node or (told by {@link #finishedElsewhere}) another. */
    public CompletableFuture<Task> whenFinished(long id) {
        CompletableFuture<Task> f = waiters.computeIfAbsent(id, k -> new CompletableFuture<>());
        store.find(id).filter(t -> t.status().finished()).ifPresent(this::wake);
        return f;
    }

    /** Called with the id of each task that finishes on this node (several nodes tell each other). */
    public void onFinished(java.util.function.LongConsumer whenFinishedHere) {
        this.finishedHere = whenFinishedHere;
    }

    /** Another node finished this task: whoever waits for it here wakes. */
    public void finishedElsewhere(long id) {
        if (waiters.containsKey(id)) {
            store.find(id).filter(t -> t.status().finished()).ifPresent(this::wake);
        }
    }

    /** Takes the device's next queued task, or empty when none is left. */
    public Optional<Running> next(String deviceId) {
        return store.takeNext(deviceId, Instant.now()).map(t -> new Running(t, TaskRequests.toRequest(read(t.request()))));
    }

    /**
     * Records a successful response: values into the device's tree, the task done; a transfer the CPE completes
     * later (DownloadResponse status 1, ScheduleDownload, ChangeDUState) stays RUNNING, awaiting its completion.
     */
    public Task completed(Running running, CwmpResponse response) {
        String deviceId = running.task().deviceId();
        Instant now = Instant.now();
        String awaiting = awaitedCompletion(response);
        if (awaiting != null) {
            return store.await(running.task().id(), awaiting, write(response), now);
        }
        switch (response) {
            case GetParameterValuesResponse r when running.request() instanceof GetParameterValues gpv -> {
                devices.storeValues(deviceId, r.parameterList(), now);
                devices.forgetUnreported(deviceId, gpv.parameterNames(), r.parameterList().stream()
                        .map(ParameterValueStruct::name).collect(java.util.stream.Collectors.toSet()));
            }
            case GetParameterNamesResponse r when running.request() instanceof GetParameterNames gpn -> {
                devices.storeNames(deviceId, r.parameterList(), now);
                if (!gpn.nextLevel()) {
                    devices.forgetUnreported(deviceId, List.of(gpn.parameterPath()), r.parameterList().stream()
                            .map(org.jcwmp.core.rpc.ParameterInfoStruct::name).collect(java.util.stream.Collectors.toSet()));
                }
            }
            case SetParameterValuesResponse r when running.request() instanceof SetParameterValues spv ->
                    acceptedValues(deviceId, spv, now);
            case GetParameterAttributesResponse r -> devices.storeAttributes(deviceId, r.parameterList().stream()
                    .map(a -> new StoredAttribute(a.name(), a.notification(), a.accessList())).toList(), now);
            case SetParameterAttributesResponse r when running.request() instanceof SetParameterAttributes spa ->
                    devices.storeAttributes(deviceId, spa.parameterList().stream()
                            .map(a -> new StoredAttribute(a.name(), a.notificationChange() ? a.notification() : null,
                                    a.accessListChange() ? a.accessList() : null)).toList(), now);
            case AddObjectResponse r when running.request() instanceof AddObject add ->
                    devices.storeObject(deviceId, add.objectName() + r.instanceNumber() + ".", now);
            case DeleteObjectResponse r when running.request() instanceof DeleteObject delete ->
                    devices.deleteObject(deviceId, delete.objectName());
            default -> {
            }
        }
        return finished(store.finish(running.task().id(), TaskStatus.DONE, write(response), null, null, now));
    }

    public Task failed(Running running, Fault fault) {
        return finished(store.finish(running.task().id(), TaskStatus.FAILED, write(fault), fault.faultCode(),
                fault.faultString(), Instant.now()));
    }

    /**
     * A TransferComplete from the device: finishes its task waiting with that CommandKey, done on fault 0, failed
     * otherwise, with the whole message and its times in the result. Empty when no task waits for it.
     */
    public Optional<Task> transferCompleted(String deviceId, TransferComplete tc) {
        return store.awaiting(deviceId, Task.AWAITING_TRANSFER_COMPLETE, tc.commandKey()).flatMap(t -> {
            ObjectNode result = completionResult(t);
            result.set("transferComplete", json.valueToTree(tc));
            result.put("startTime", tc.startTime()).put("completeTime", tc.completeTime());
            int code = tc.faultStruct() == null ? 0 : tc.faultStruct().faultCode();
            return code == 0
                    ? store.finishAwaiting(t.id(), TaskStatus.DONE, result.toString(), null, null, Instant.now())
                    : store.finishAwaiting(t.id(), TaskStatus.FAILED, result.toString(), code,
                    tc.faultStruct().faultString(), Instant.now());
        }).map(this::finished);
    }

    /** A DUStateChangeComplete: as {@link #transferCompleted}; the first operation that faulted fails the task. */
    public Optional<Task> duStateChangeCompleted(String deviceId, DUStateChangeComplete dc) {
        return store.awaiting(deviceId, Task.AWAITING_DU_STATE_CHANGE_COMPLETE, dc.commandKey()).flatMap(t -> {
            ObjectNode result = completionResult(t);
            result.set("duStateChangeComplete", json.valueToTree(dc));
            OpResultStruct failed = dc.results() == null ? null : dc.results().stream()
                    .filter(r -> r.fault() != null && r.fault().faultCode() != 0).findFirst().orElse(null);
            return failed == null
                    ? store.finishAwaiting(t.id(), TaskStatus.DONE, result.toString(), null, null, Instant.now())
                    : store.finishAwaiting(t.id(), TaskStatus.FAILED, result.toString(), failed.fault().faultCode(),
                    failed.fault().faultString(), Instant.now());
        }).map(this::finished);
    }

    /** Fails the transfer tasks that have waited longer than timeout for their completion; returns them. */
    public List<Task> expireTransfers(Duration timeout) {
        Instant now = Instant.now();
        List<Task> out = new ArrayList<>();
        for (Task t : store.awaitingSince(now.minus(timeout), 1000)) {
            ObjectNode result = completionResult(t);
            String text = "no " + t.subState().substring("awaiting ".length()) + " within " + timeout;
            store.finishAwaiting(t.id(), TaskStatus.FAILED, result.toString(), TRANSFER_TIMEOUT_FAULT, text, now)
                    .map(this::finished).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Withdraws a transfer task the device never took (it did not connect): failed with {@link #TRANSFER_TIMEOUT_FAULT}.
     * Empty when a session took it meanwhile.
     */
    public Optional<Task> withdraw(long id, String why) {
        return store.failQueued(id, TRANSFER_TIMEOUT_FAULT, why, Instant.now()).map(this::finished);
    }

    /**
     * At start, the tasks a previous run of the ACS sent without seeing the answer (it was killed in the session).
     * The CPE may or may not have run them, so: a read, or a write of the same values under the same ParameterKey,
     * goes back to the queue (running it twice is harmless); a transfer or ChangeDUState waits for its completion
     * under its own CommandKey, as if the CPE had accepted it (the transfer timeout fails it if it never comes); the
     * rest (AddObject, DeleteObject, Reboot, FactoryReset, ScheduleInform, CancelTransfer) fails with
     * {@link #INTERRUPTED_FAULT} and is not sent again. All such tasks: for one ACS node alone on its store.
     *
     * @return the tasks that failed
     */
    public List<Task> recoverInterrupted() {
        return recoverInterrupted(null);
    }

    /**
     * As {@link #recoverInterrupted()}, for the tasks one node sent (and those no node is known to have sent): a node
     * settles its own at start, and a live node those of a node that stopped beating.
     *
     * @param sentBy the node; null for all nodes
     */
    public List<Task> recoverInterrupted(String sentBy) {
        Instant now = Instant.now();
        List<Task> failed = new ArrayList<>();
        for (Task t : store.runningWithoutAnswer(sentBy)) {
            String method = TaskRequests.toRequest(read(t.request())).methodName();
            String awaited = switch (method) {
                case "Download", "Upload", "ScheduleDownload" -> Task.AWAITING_TRANSFER_COMPLETE;
                case "ChangeDUState" -> Task.AWAITING_DU_STATE_CHANGE_COMPLETE;
                default -> null;
            };
            if (SAFE_TO_REPEAT.contains(method)) {
                store.requeueSentBy(t.id(), sentBy, now);
            } else if (awaited != null) {
                store.await(t.id(), awaited, json.createObjectNode().put("interrupted",
                        "the ACS stopped before the CPE's answer came; waiting for its completion").toString(), now);
            } else {
                failed.add(finished(store.finish(t.id(), TaskStatus.FAILED, null, INTERRUPTED_FAULT, "the ACS stopped"
                        + " while the CPE had this " + method + "; it may or may not have run, so it is not sent again",
                        now)));
            }
        }
        return failed;
    }

    /** The session ended before the CPE answered: the task goes back to the queue (not one awaiting its completion). */
    public void interrupted(Running running) {
        store.requeue(running.task().id(), Instant.now());
    }

    private void acceptedValues(String deviceId, SetParameterValues spv, Instant now) {
        devices.storeValues(deviceId, spv.parameterList(), now);
        // The ACS needs the credentials it gave the CPE to reach it later (connection requests, STUN).
        Map<String, String> set = new HashMap<>();
        for (ParameterValueStruct p : spv.parameterList()) {
            int dot = p.name().indexOf('.');
            if (dot > 0) {
                set.put(p.name().substring(dot), p.value());
            }
        }
        if (set.containsKey(CR_USERNAME) || set.containsKey(CR_PASSWORD)) {
            var device = devices.find(deviceId).orElseThrow();
            devices.setConnectionRequestCredentials(deviceId,
                    set.getOrDefault(CR_USERNAME, device.connectionRequestUsername()),
                    set.getOrDefault(CR_PASSWORD, device.connectionRequestPassword()));
        }
        if (set.containsKey(STUN_USERNAME) || set.containsKey(STUN_PASSWORD)) {
            var device = devices.find(deviceId).orElseThrow();
            devices.setStunCredentials(deviceId, set.getOrDefault(STUN_USERNAME, device.stunUsername()),
                    set.getOrDefault(STUN_PASSWORD, device.stunPassword()));
        }
    }

    /** What a response says the task waits for, or null when the response is its outcome. */
    private static String awaitedCompletion(CwmpResponse response) {
        return switch (response) {
            case DownloadResponse r when r.status() == 1 -> Task.AWAITING_TRANSFER_COMPLETE;
            case UploadResponse r when r.status() == 1 -> Task.AWAITING_TRANSFER_COMPLETE;
            case ScheduleDownloadResponse r -> Task.AWAITING_TRANSFER_COMPLETE;
            case ChangeDUStateResponse r -> Task.AWAITING_DU_STATE_CHANGE_COMPLETE;
            default -> null;
        };
    }

    /** The result of a finished transfer task: the CPE's first response, and what completes it. */
    private ObjectNode completionResult(Task t) {
        ObjectNode result = json.createObjectNode();
        JsonNode response = t.result() == null ? null : read(t.result());
        if (response != null) {
            result.set("response", response);
        }
        return result;
    }

    private Task finished(Task task) {
        wake(task);
        try {
            finishedHere.accept(task.id());
        } catch (RuntimeException e) {
            // the other nodes' waiters see it when their wait ends; the task itself is recorded
            org.slf4j.LoggerFactory.getLogger(TaskService.class).warn("could not tell the other nodes task {} finished: {}",
                    task.id(), e.toString());
        }
        return task;
    }

    private void wake(Task task) {
        CompletableFuture<Task> f = waiters.remove(task.id());
        if (f != null) {
            f.complete(task);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
