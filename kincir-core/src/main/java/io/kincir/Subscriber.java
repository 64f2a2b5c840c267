package io.kincir;

import java.time.Duration;
import java.util.Optional;

/**
 * Receives messages from one or more topics, as one member of a subscriber group.
 *
 * <p>A subscriber is used by one thread at a time, including {@link #close()}. It acknowledges
 * each message as it hands it out (at-most-once): a message received is never delivered to another
 * member of the group, even if the application then fails to process it. Use an
 * {@link AckSubscriber} for at-least-once delivery.
 *
 * <p>Groups: each group receives every message published to a topic after the group subscribed
 * (fan-out); inside a group each message goes to one member only (competing consumers). A
 * subscriber made without a group is a private, non-durable group of one.
 */
public interface Subscriber extends AutoCloseable {

    /**
     * Subscribes to a topic; may be called for several topics. Returns once the subscription is in
     * place: every message published to the topic after this returns will be delivered to the group.
     *
     * @param topic the topic
     */
    void subscribe(String topic);

    /**
     * Waits for the next message of any subscribed topic.
     *
     * @return the message
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws BrokerShutdownException if the backend shut down and nothing is left to receive
     */
    Message receive() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the next message of any subscribed topic.
     *
     * @param timeout how long to wait
     * @return the message, or empty if none arrived in time
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws BrokerShutdownException if the backend shut down and nothing is left to receive
     */
    Optional<Message> receive(Duration timeout) throws InterruptedException;

    /** Leaves every subscribed topic. A private group is deleted with what it still holds. */
    @Override
    void close();
}
