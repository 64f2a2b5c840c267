package io.kincir.nats;

import java.time.Duration;

/**
 * Kincir's own NATS settings: how a {@link NatsBackend} creates streams, publishes and consumes.
 * Servers, credentials and TLS are connection settings, given to the {@link NatsBackend.Builder}
 * instead.
 *
 * @param pullBatch most messages one subscriber asks for per topic at a time, and most it holds
 *     without handing them out; small, so that one member cannot hoard a backlog its peers should share
 * @param ackWait how long the server waits for a delivery to be settled before it delivers it again
 * @param publishTimeout how long a publish waits for the server's acknowledgements of its batch
 * @param maxPublishesInFlight most messages of one publish call sent and not yet acknowledged
 * @param persistent whether streams keep messages on disk ({@code true}) or in memory
 * @param replicas copies of each stream in a cluster (1 for a single server)
 * @param maxAge how long a stream keeps a message, acknowledged or not; {@link Duration#ZERO} keeps
 *     it until the stream is deleted
 */
public record NatsSettings(int pullBatch, Duration ackWait, Duration publishTimeout, int maxPublishesInFlight,
        boolean persistent, int replicas, Duration maxAge) {

    private static final NatsSettings DEFAULTS = new NatsSettings(32, Duration.ofSeconds(30), Duration.ofSeconds(30),
            1024, true, 1, Duration.ofDays(7));

    /**
     * @throws IllegalArgumentException if a count is below 1, replicas above 5, a timeout under 1ms, or
     *     the maximum age negative
     */
    public NatsSettings {
        if (pullBatch < 1) {
            throw new IllegalArgumentException("pullBatch must be at least 1, was " + pullBatch);
        }
        requireAtLeastAMillisecond(ackWait, "ackWait");
        requireAtLeastAMillisecond(publishTimeout, "publishTimeout");
        if (maxPublishesInFlight < 1) {
            throw new IllegalArgumentException("maxPublishesInFlight must be at least 1, was " + maxPublishesInFlight);
        }
        if (replicas < 1 || replicas > 5) {
            throw new IllegalArgumentException("replicas must be between 1 and 5 (JetStream's limit), was " + replicas);
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must be zero (no limit) or positive, was " + maxAge);
        }
    }

    /**
     * @return pull batches of 32, a 30 second ack wait (JetStream's default) and publish timeout, at
     *     most 1024 messages in flight per publish, streams on disk with one replica that keep a message
     *     for 7 days (Kafka's default retention)
     */
    public static NatsSettings defaults() {
        return DEFAULTS;
    }

    /** @return these settings with another {@code pullBatch} */
    public NatsSettings withPullBatch(int pullBatch) {
        return new NatsSettings(pullBatch, ackWait, publishTimeout, maxPublishesInFlight, persistent, replicas, maxAge);
    }

    /** @return these settings with another {@code ackWait} */
    public NatsSettings withAckWait(Duration ackWait) {
        return new NatsSettings(pullBatch, ackWait, publishTimeout, maxPublishesInFlight, persistent, replicas, maxAge);
    }

    /** @return these settings with another {@code publishTimeout} */
    public NatsSettings withPublishTimeout(Duration publishTimeout) {
        return new NatsSettings(pullBatch, ackWait, publishTimeout, maxPublishesInFlight, persistent, replicas, maxAge);
    }

    /** @return these settings with another {@code maxPublishesInFlight} */
    public NatsSettings withMaxPublishesInFlight(int maxPublishesInFlight) {
        return new NatsSettings(pullBatch, ackWait, publishTimeout, maxPublishesInFlight, persistent, replicas, maxAge);
    }

    /** @return these settings with streams on disk ({@code true}) or in memory */
    public NatsSettings withPersistent(boolean persistent) {
        return new NatsSettings(pullBatch, ackWait, publishTimeout, maxPublishesInFlight, persistent, replicas, maxAge);
    }

    /** @return these settings with another number of {@code replicas} */
    public NatsSettings withReplicas(int replicas) {
        return new NatsSettings(pullBatch, ackWait, publishTimeout, maxPublishesInFlight, persistent, replicas, maxAge);
    }

    /** @return these settings with another {@code maxAge} */
    public NatsSettings withMaxAge(Duration maxAge) {
        return new NatsSettings(pullBatch, ackWait, publishTimeout, maxPublishesInFlight, persistent, replicas, maxAge);
    }

    private static void requireAtLeastAMillisecond(Duration value, String name) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1ms, was " + value);
        }
    }
}
