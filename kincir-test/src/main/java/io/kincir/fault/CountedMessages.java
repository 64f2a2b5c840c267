package io.kincir.fault;

import io.kincir.Message;
import io.kincir.Publisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The messages of one fault run, numbered in their uuids ({@code <run>-<index>}), and how often each
 * was handled: a Jepsen-style count without a set of a million strings. A loss is an index never
 * handled, a duplicate a second handling of one. Thread-safe.
 */
final class CountedMessages {

    private final String run;
    private final AtomicIntegerArray handled;
    private final AtomicLong distinct = new AtomicLong();
    private final LongAdder handlings = new LongAdder();
    private final LongAdder foreign = new LongAdder();

    private CountedMessages(String run, int count) {
        this.run = run;
        this.handled = new AtomicIntegerArray(count);
    }

    /** @return counts for {@code count} messages, under a run name no other run uses */
    static CountedMessages of(int count) {
        return new CountedMessages(Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE), count);
    }

    /** @return how many messages the run has */
    int count() {
        return handled.length();
    }

    /**
     * Publishes messages {@code from} (inclusive) to {@code to} (exclusive) in one batch, each with a
     * payload array of its own, as messages that come from elsewhere have.
     *
     * @throws io.kincir.KincirException as the publisher does; none of them is then known to be published
     */
    void publish(Publisher publisher, String topic, int from, int to, int payloadBytes) {
        List<Message> batch = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            batch.add(Message.of(run + "-" + i, new byte[payloadBytes], Map.of()));
        }
        publisher.publish(topic, batch);
    }

    /** Counts one handling of the message with this uuid; a uuid from elsewhere is counted as foreign. */
    void handled(String uuid) {
        int index = indexOf(uuid);
        if (index < 0) {
            foreign.increment();
            return;
        }
        handlings.increment();
        if (handled.getAndIncrement(index) == 0) {
            distinct.incrementAndGet();
        }
    }

    /** @return the index of a uuid of this run, or -1 for any other uuid */
    int indexOf(String uuid) {
        if (!uuid.startsWith(run) || uuid.length() <= run.length() + 1 || uuid.charAt(run.length()) != '-') {
            return -1;
        }
        try {
            int index = Integer.parseInt(uuid, run.length() + 1, uuid.length(), 10);
            return index < handled.length() ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Waits until at least {@code target} messages were handled at least once, for as long as they keep
     * coming: a load's length depends on the machine, a stall does not.
     *
     * @param stall how long without one more message handled counts as a stall
     * @return true once they were handled, false on a stall
     */
    boolean awaitDistinct(long target, Duration stall) {
        while (distinct() < target) {
            long before = distinct();
            try {
                Awaitility.await().atMost(stall).pollInterval(Duration.ofMillis(50))
                        .until(() -> distinct() >= target || distinct() > before);
            } catch (ConditionTimeoutException e) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the message was handled at least once */
    boolean wasHandled(int index) {
        return handled.get(index) > 0;
    }

    /** @return how many messages were handled at least once */
    long distinct() {
        return distinct.get();
    }

    /** @return handlings beyond the first of each message */
    long duplicates() {
        return handlings.sum() - distinct.get();
    }

    /** @return handlings of messages that are not of this run */
    long foreign() {
        return foreign.sum();
    }

    /** @return the first {@code limit} indexes in {@code [from, to)} never handled */
    List<Integer> missing(int from, int to, int limit) {
        List<Integer> missing = new ArrayList<>();
        for (int i = from; i < to && missing.size() < limit; i++) {
            if (handled.get(i) == 0) {
                missing.add(i);
            }
        }
        return missing;
    }

    /** @return a line that says what was handled, for a failure message or a report */
    String summary() {
        return distinct() + " of " + count() + " handled, " + duplicates() + " duplicates, " + foreign() + " foreign"
                + (distinct() < count() ? "; first missing: " + missing(0, count(), 10) : "");
    }
}
