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
 * @param consumers how many consumer threads are receiving or handling now
 * @param concurrency how many consumer threads it runs per topic when all is well
 * @param handled how many messages were handled successfully since it was built
 * @param deadLettered how many messages were published to a dead-letter topic since it was built
 * @param lastError the last failure (a handler attempt, a dead letter, a receive), or {@code null}
 * @param lastErrorAt when the last failure happened, or {@code null}
 */
public record ListenerState(String id, List<String> topics, String group, boolean running, int consumers,
        int concurrency, long handled, long deadLettered, String lastError, Instant lastErrorAt) {

    public ListenerState {
        topics = List.copyOf(topics);
    }
}
