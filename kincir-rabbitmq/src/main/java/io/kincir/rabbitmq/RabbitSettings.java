package io.kincir.rabbitmq;

import io.kincir.MetadataKeys;
import java.time.Duration;

/**
 * Kincir's own RabbitMQ settings (in Spring Boot, {@code kincir.rabbitmq.*}): how a {@link RabbitBackend}
 * publishes and consumes. Connection, credentials and TLS are the connection factory's own settings
 * ({@code spring.rabbitmq.*}) instead.
 *
 * @param prefetch most unacknowledged deliveries the broker pushes to one subscriber per topic
 * @param mandatory whether a message no group receives fails the publish
 * @param confirmTimeout how long a publish waits for the broker's confirms
 * @param persistent whether messages are written to disk in durable queues
 * @param maxPriority the {@code x-max-priority} of the queues it declares, from 1 to 9, so that
 *     {@code _priority} is honoured; 0 declares queues without it and refuses messages with {@code _priority}
 */
public record RabbitSettings(int prefetch, boolean mandatory, Duration confirmTimeout, boolean persistent,
        int maxPriority) {

    private static final RabbitSettings DEFAULTS = new RabbitSettings(250, true, Duration.ofSeconds(30), true,
            MetadataKeys.MAX_PRIORITY);

    /**
     * @throws IllegalArgumentException if prefetch is not within 1..65535, the timeout is under 1ms, or
     *     maxPriority is not within 0..9
     */
    public RabbitSettings {
        if (prefetch < 1 || prefetch > 65_535) {
            throw new IllegalArgumentException("prefetch must be between 1 and 65535, was " + prefetch);
        }
        if (confirmTimeout == null || confirmTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("confirmTimeout must be at least 1ms, was " + confirmTimeout);
        }
        if (maxPriority < 0 || maxPriority > MetadataKeys.MAX_PRIORITY) {
            throw new IllegalArgumentException("maxPriority must be between 0 (no priorities) and "
                    + MetadataKeys.MAX_PRIORITY + ", was " + maxPriority);
        }
    }

    /** Settings with the default {@code maxPriority} of 9. */
    public RabbitSettings(int prefetch, boolean mandatory, Duration confirmTimeout, boolean persistent) {
        this(prefetch, mandatory, confirmTimeout, persistent, MetadataKeys.MAX_PRIORITY);
    }

    /**
     * @return prefetch 250 (as spring-rabbit's listener containers), mandatory, a 30 second confirm
     *     timeout, persistent messages, queues with {@code x-max-priority} 9
     */
    public static RabbitSettings defaults() {
        return DEFAULTS;
    }
}
