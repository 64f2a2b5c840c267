package io.kincir.fault;

import io.kincir.Message;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What one consumer of a fault test handled: each message's uuid once, and how often one came again. */
final class Handled {

    private final String consumer;
    private final Set<String> uuids = ConcurrentHashMap.newKeySet();
    private final AtomicInteger duplicates = new AtomicInteger();

    Handled(String consumer) {
        this.consumer = consumer;
    }

    void add(Message message) {
        if (!uuids.add(message.uuid())) {
            duplicates.incrementAndGet();
        }
    }

    String consumer() {
        return consumer;
    }

    int count() {
        return uuids.size();
    }

    int duplicates() {
        return duplicates.get();
    }

    /** @return the published uuids this consumer has not handled (yet) */
    List<String> missing(Collection<String> published) {
        return published.stream().filter(uuid -> !uuids.contains(uuid)).toList();
    }

    @Override
    public String toString() {
        return consumer + " handled " + count() + " (" + duplicates() + " duplicates)";
    }
}
