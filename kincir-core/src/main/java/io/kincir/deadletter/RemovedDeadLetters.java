package io.kincir.deadletter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dead letters of one topic that were replayed or purged lately, at most {@link #CAPACITY}.
 *
 * <p>A backend that acknowledges by position (Kafka commits the offset before the first unsettled
 * record) keeps a dead letter removed out of order until every one before it is removed too; a new
 * reader, after a failure or a rebalance, reads it again. Such a dead letter is acknowledged again
 * and not shown. A restarted process has forgotten it and shows it again.
 */
final class RemovedDeadLetters {

    static final int CAPACITY = 10_000;

    private final Map<String, Boolean> latest = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void add(String identity) {
        latest.put(identity, Boolean.TRUE);
    }

    synchronized boolean contains(String identity) {
        return latest.containsKey(identity);
    }
}
