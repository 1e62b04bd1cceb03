package org.jcwmp.acs.provision;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the engine remembers during one session of one device: its Inform's events and the objects it is creating. */
final class SessionState {
    final List<String> events;
    final long startedNanos = System.nanoTime();
    int rounds;
    /** Set when the engine must look again once the queue is drained (an AddObject or a table read went out). */
    boolean recheck;
    /** Per wished object (WantedObject.key()): the instances of its table before the engine's AddObject. */
    final Map<String, Set<String>> instancesBeforeAdd = new HashMap<>();
    /** Per wished object: the instance the engine created for it in this session. */
    final Map<String, String> created = new HashMap<>();
    /** Tables read in this session because the ACS knew nothing under them. */
    final Set<String> refreshed = new HashSet<>();

    SessionState(List<String> events) {
        this.events = events;
    }
}
