package io.kincir.listener;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest messages a container parked, at most {@link #CAPACITY}, and how many it parked in all:
 * memory stays bounded however many dead letters fail, and the count says how many the list no
 * longer holds. Thread-safe.
 */
final class ParkedMessages {

    static final int CAPACITY = 100;

    private final ArrayDeque<ParkedMessage> latest = new ArrayDeque<>();
    private final LongAdder total = new LongAdder();

    synchronized void add(ParkedMessage message) {
        if (latest.size() == CAPACITY) {
            latest.removeFirst();
        }
        latest.addLast(message);
        total.increment();
    }

    synchronized List<ParkedMessage> latest() {
        return List.copyOf(latest);
    }

    long total() {
        return total.sum();
    }
}
