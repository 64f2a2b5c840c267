package io.kincir.rabbitmq;

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
 */
public record RabbitSettings(int prefetch, boolean mandatory, Duration confirmTimeout, boolean persistent) {

    private static final RabbitSettings DEFAULTS = new RabbitSettings(250, true, Duration.ofSeconds(30), true);

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

    /**
     * @return prefetch 250 (as spring-rabbit's listener containers), mandatory, a 30 second confirm
     *     timeout, persistent messages
     */
    public static RabbitSettings defaults() {
        return DEFAULTS;
    }
}
