package io.kincir.rabbitmq;

import java.time.Duration;

/**
 * How a {@link RabbitBackend} publishes and consumes, as set on its {@link RabbitBackend.Builder}.
 *
 * @param prefetch most unacknowledged deliveries the broker pushes to one subscriber per topic
 * @param mandatory whether a message no group receives fails the publish
 * @param confirmTimeout how long a publish waits for the broker's confirms
 * @param persistent whether messages are written to disk in durable queues
 */
public record RabbitSettings(int prefetch, boolean mandatory, Duration confirmTimeout, boolean persistent) {

    /** The default prefetch, as spring-rabbit's listener containers. */
    public static final int DEFAULT_PREFETCH = 250;

    /** The default confirm timeout. */
    public static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @throws IllegalArgumentException if prefetch is not within 1..65535 or the timeout is under 1ms
     */
    public RabbitSettings {
        if (prefetch < 1 || prefetch > 65_535) {
            throw new IllegalArgumentException("prefetch must be between 1 and 65535, was " + prefetch);
        }
        if (confirmTimeout == null || confirmTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("confirmTimeout must be at least 1ms, was " + confirmTimeout);
        }
    }

    /** @return prefetch 250, mandatory, a 30 second confirm timeout, persistent messages */
    public static RabbitSettings defaults() {
        return new RabbitSettings(DEFAULT_PREFETCH, true, DEFAULT_CONFIRM_TIMEOUT, true);
    }
}
