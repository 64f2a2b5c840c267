package io.kincir;

import java.time.Duration;
import java.util.Optional;

/**
 * Receives messages as {@link Delivery deliveries} that the application settles: at-least-once
 * delivery.
 *
 * <p>A delivery that is not acknowledged is delivered again, to this or another member of the
 * group: after {@link Delivery#nack(boolean) nack(true)}, after this subscriber closes, or after the
 * process dies (on backends that outlive it). Groups behave as for {@link Subscriber}; an ack
 * subscriber always belongs to a named, durable group.
 *
 * <p>Used by one thread at a time, including {@link #close()}; {@link Delivery#ack()} and
 * {@link Delivery#nack(boolean)} may be called from any thread.
 */
public interface AckSubscriber extends AutoCloseable {

    /**
     * Subscribes to a topic; may be called for several topics. Returns once the subscription is in
     * place.
     *
     * @param topic the topic
     */
    void subscribe(String topic);

    /**
     * Waits for the next delivery of any subscribed topic.
     *
     * @return the delivery, to be settled
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws BrokerShutdownException if the backend shut down and nothing is left to receive
     */
    Delivery receive() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the next delivery of any subscribed topic.
     *
     * @param timeout how long to wait
     * @return the delivery, or empty if none arrived in time
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws BrokerShutdownException if the backend shut down and nothing is left to receive
     */
    Optional<Delivery> receive(Duration timeout) throws InterruptedException;

    /** Leaves every subscribed topic; unsettled deliveries go back to the group. */
    @Override
    void close();
}
