package io.kincir.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * Kincir's own Kafka settings (in Spring Boot, {@code kincir.kafka.*}): how topics are created and how
 * subscribers poll. Connection, security, producer and consumer settings are the clients' own
 * properties ({@code spring.kafka.*}) instead.
 *
 * @param partitions partitions of a topic Kincir creates; -1 for the broker's {@code num.partitions}
 * @param replicationFactor replicas of a topic Kincir creates; -1 for the broker's
 *     {@code default.replication.factor}
 * @param autoCreateTopics whether Kincir creates a missing topic on first use
 * @param pollTimeout the longest a subscriber's poll thread blocks in one poll
 * @param receiveBuffer records a subscriber fetches ahead of {@code receive}; it pauses fetching above
 * @param receiveBufferBytes bytes (keys, values and headers) a subscriber fetches ahead of
 *     {@code receive}; it pauses fetching above, so that large records cannot fill the heap before
 *     {@code receiveBuffer} is reached
 * @param operationTimeout the longest a subscribe, a topic creation or a close waits for the cluster
 * @param healthTimeout the longest a health check waits for the cluster
 */
public record KafkaSettings(int partitions, short replicationFactor, boolean autoCreateTopics, Duration pollTimeout,
        int receiveBuffer, long receiveBufferBytes, Duration operationTimeout, Duration healthTimeout) {

    private static final KafkaSettings DEFAULTS = new KafkaSettings(4, (short) -1, true, Duration.ofSeconds(1), 1000,
            64L * 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(5));

    /**
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public KafkaSettings {
        if (partitions == 0 || partitions < -1) {
            throw new IllegalArgumentException("partitions must be positive, or -1 for the broker's default; was "
                    + partitions);
        }
        if (replicationFactor == 0 || replicationFactor < -1) {
            throw new IllegalArgumentException(
                    "replication factor must be positive, or -1 for the broker's default; was " + replicationFactor);
        }
        requirePositive(pollTimeout, "poll timeout");
        requirePositive(operationTimeout, "operation timeout");
        requirePositive(healthTimeout, "health timeout");
        if (receiveBuffer < 1) {
            throw new IllegalArgumentException("receive buffer must be at least 1 record; was " + receiveBuffer);
        }
        if (receiveBufferBytes < 1) {
            throw new IllegalArgumentException("receive buffer bytes must be at least 1; was " + receiveBufferBytes);
        }
    }

    /**
     * @return 4 partitions, the broker's replication factor, topics created on first use, 1 s polls, 1,000
     *     records or 64 MiB fetched ahead, 30 s for cluster operations, 5 s for health checks
     */
    public static KafkaSettings defaults() {
        return DEFAULTS;
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive; was " + duration);
        }
    }
}
