package io.kincir;

import java.util.List;

/**
 * Publishes messages to topics.
 *
 * <p>Implementations are thread-safe: one publisher may be shared by every thread of an
 * application. {@code publish} blocks until the backend has accepted every message of the batch
 * (for Kafka, acknowledged per the producer's {@code acks}; for RabbitMQ, confirmed by the broker)
 * and throws a {@link KincirException} otherwise; it never drops a message silently. A topic is
 * created on first use where the backend allows it.
 */
public interface Publisher {

    /**
     * Publishes a batch of messages to a topic, in order.
     *
     * @param topic the topic
     * @param messages the messages; an empty list does nothing
     * @throws KincirException when the backend did not accept every message; the subclass says why
     */
    void publish(String topic, List<Message> messages);

    /**
     * Publishes one message to a topic.
     *
     * @param topic the topic
     * @param message the message
     * @throws KincirException when the backend did not accept the message
     */
    default void publish(String topic, Message message) {
        publish(topic, List.of(message));
    }
}
