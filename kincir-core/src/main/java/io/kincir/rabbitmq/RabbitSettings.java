package io.kincir.rabbitmq;

import java.time.Duration;

/**
 * How the backend publishes and consumes; see {@link RabbitBackend.Builder} for each setting.
 *
 * @param prefetch most unacknowledged deliveries the broker pushes to one subscriber per topic
 * @param mandatory whether a message no group receives fails the publish
 * @param confirmTimeout how long a publish waits for the broker's confirms
 * @param persistent whether messages are written to disk in durable queues
 */
record RabbitSettings(int prefetch, boolean mandatory, Duration confirmTimeout, boolean persistent) {

    static final int DEFAULT_PREFETCH = 250;
    static final Duration DEFAULT_CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    RabbitSettings {
        if (prefetch < 1 || prefetch > 65_535) {
            throw new IllegalArgumentException("prefetch must be between 1 and 65535, was " + prefetch);
        }
        if (confirmTimeout == null || confirmTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("confirmTimeout must be at least 1ms, was " + confirmTimeout);
        }
    }

    static RabbitSettings defaults() {
        return new RabbitSettings(DEFAULT_PREFETCH, true, DEFAULT_CONFIRM_TIMEOUT, true);
    }
}
