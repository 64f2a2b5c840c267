package io.kincir.listener;

import java.time.Duration;

/**
 * Hears what a {@link ListenerContainer} does, for metrics: the Spring Boot starter records
 * Micrometer meters through it, so that this module depends on no metrics library. Called on the
 * consumer threads; implementations must be thread-safe and quick, and should not throw (what they
 * throw is logged and ignored).
 */
public interface ListenerObserver {

    /** Observes nothing. */
    ListenerObserver NONE = new ListenerObserver() {
    };

    /**
     * A message was received, before its first attempt.
     *
     * @param topic where it came from
     */
    default void received(ListenerTopic topic) {
    }

    /**
     * One attempt to handle a message ended.
     *
     * @param topic where the message came from
     * @param duration how long the handler ran
     * @param failure why the attempt failed, or {@code null} if it succeeded
     */
    default void attempted(ListenerTopic topic, Duration duration, Throwable failure) {
    }

    /**
     * A message that failed every attempt was published to the dead-letter topic.
     *
     * @param topic where the message came from
     * @param deadLetterTopic where it went
     */
    default void deadLettered(ListenerTopic topic, String deadLetterTopic) {
    }
}
