package io.kincir.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One topic of the in-memory broker, from {@link InMemoryBroker#listTopicInfo()}.
 *
 * @param name the topic
 * @param queueSize messages waiting, summed over the topic's groups
 * @param groups the topic's subscriber groups (private groups are named {@code private-N})
 * @param subscribers subscribers over all groups
 * @param unrouted messages published while the topic had no group
 * @param createdAt when the topic was first used
 */
public record TopicInfo(String name, long queueSize, List<String> groups, int subscribers, long unrouted,
        Instant createdAt) {

    public TopicInfo {
        groups = List.copyOf(groups);
    }

    /** @return how long the topic has existed */
    public Duration age() {
        return Duration.between(createdAt, Instant.now());
    }
}
