package org.jcwmp.cpe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jcwmp.core.rpc.EventStruct;

/** Keeps what an agent reported, for assertions. */
final class RecordingListener implements CpeListener {
    final List<List<String>> sessionsStarted = new CopyOnWriteArrayList<>();
    final List<Boolean> sessionsEnded = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<Boolean> connectionRequests = new CopyOnWriteArrayList<>();

    @Override
    public void sessionStarted(List<EventStruct> events) {
        sessionsStarted.add(events.stream().map(EventStruct::eventCode).toList());
    }

    @Override
    public void sessionEnded(boolean ok, Throwable cause) {
        sessionsEnded.add(ok);
        if (cause != null) {
            failures.add(cause);
        }
    }

    @Override
    public void connectionRequestReceived(boolean accepted) {
        connectionRequests.add(accepted);
    }

    long okSessions() {
        return sessionsEnded.stream().filter(b -> b).count();
    }

    /** Waits for the n-th successful session; a timeout shows why sessions failed. */
    void awaitOkSessions(long n) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                org.assertj.core.api.Assertions.assertThat(okSessions()).as("successful sessions; failures: %s", failures).isGreaterThanOrEqualTo(n));
    }
}
