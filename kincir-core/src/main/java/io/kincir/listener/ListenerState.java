package io.kincir.listener;

import java.time.Instant;
import java.util.List;

/**
 * What a {@link ListenerContainer} is doing, for a health endpoint: a snapshot.
 *
 * @param id the listener's id
 * @param topics the topics it consumes
 * @param group the subscriber group it consumes in
 * @param running whether it was started and not stopped
 * @param paused whether it is paused: its consumers keep their subscriptions but do not receive
 * @param consumers how many consumer threads are receiving or handling now
 * @param concurrency how many consumer threads it runs per topic when all is well
 * @param handled how many messages were handled successfully since it was built
 * @param failedAttempts how many attempts to handle a message failed since it was built, retried ones
 *     included
 * @param deadLettered how many messages were published to a dead-letter topic since it was built
 * @param parked how many messages were parked since it was built, because their dead letter could not be
 *     published ({@link ListenerContainer#parked()} keeps the latest)
 * @param handlerErrors how many attempts ended in an {@link Error} rather than an exception (a
 *     {@link StackOverflowError}, an {@link OutOfMemoryError}…) since it was built
 * @param consumerRestarts how many times a consumer thread met an unexpected failure outside the
 *     handler and started over with a new subscriber since it was built
 * @param lastError the last failure (a handler attempt, a dead letter, a receive), or {@code null}
 * @param lastErrorAt when the last failure happened, or {@code null}
 */
public record ListenerState(String id, List<String> topics, String group, boolean running, boolean paused,
        int consumers, int concurrency, long handled, long failedAttempts, long deadLettered, long parked,
        long handlerErrors, long consumerRestarts, String lastError, Instant lastErrorAt) {

    public ListenerState {
        topics = List.copyOf(topics);
    }

    /** A listener's state in one word, for health and operations. */
    public enum Status {
        /** Started, every consumer thread receiving or handling. */
        RUNNING,
        /** Started and paused: the consumers keep their subscriptions but do not receive. */
        PAUSED,
        /** Not started, or stopped. */
        STOPPED,
        /** Started, with fewer consumer threads than it should have ({@link #missingConsumers()}). */
        MISSING_CONSUMERS
    }

    /** @return the state in one word; missing consumers come before a pause */
    public Status status() {
        if (!running) {
            return Status.STOPPED;
        }
        if (missingConsumers() > 0) {
            return Status.MISSING_CONSUMERS;
        }
        return paused ? Status.PAUSED : Status.RUNNING;
    }

    /**
     * A running listener should have {@code concurrency} consumers on each of its topics; fewer means
     * messages wait that no thread will take (a consumer ended because the backend shut down, or did
     * not stop when asked).
     *
     * @return how many consumer threads a running listener lacks, 0 when stopped
     */
    public int missingConsumers() {
        return running ? Math.max(0, concurrency * topics.size() - consumers) : 0;
    }
}
