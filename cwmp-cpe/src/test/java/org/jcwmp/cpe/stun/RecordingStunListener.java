package org.jcwmp.cpe.stun;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

final class RecordingStunListener implements StunClientListener {
    final List<NatBinding> bindings = new CopyOnWriteArrayList<>();
    final AtomicInteger connectionRequests = new AtomicInteger();
    final List<String> refused = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public void bindingChanged(NatBinding binding) {
        bindings.add(binding);
    }

    @Override
    public void connectionRequest() {
        connectionRequests.incrementAndGet();
    }

    @Override
    public void connectionRequestRefused(String reason) {
        refused.add(reason);
    }

    @Override
    public void stunFailed(String reason) {
        failures.add(reason);
    }
}
