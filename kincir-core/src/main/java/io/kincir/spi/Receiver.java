package io.kincir.spi;

import java.time.Duration;

/**
 * One member of a group, as a backend implements it: it joins topics and hands out what it
 * receives, one item at a time. {@link Subscribers} turns it into a {@link io.kincir.Subscriber} or
 * an {@link io.kincir.AckSubscriber}.
 *
 * @param <T> what the backend hands out (a record, a delivery, a message)
 */
public interface Receiver<T> {

    /**
     * Joins a topic; returns once every message published to it afterwards reaches this member's group.
     *
     * @param topic the topic
     * @throws io.kincir.BrokerShutdownException if the backend or this member is closed
     */
    void subscribe(String topic);

    /**
     * @param timeout how long to wait, never negative ({@link Deadline#after(Duration)} counts it
     *     down); {@code null} waits until something arrives. Called only after a subscribe
     * @return the next item, or {@code null} if none arrived within the timeout
     * @throws InterruptedException if the thread is interrupted while waiting
     * @throws io.kincir.BrokerShutdownException if the backend or this member is closed
     */
    T next(Duration timeout) throws InterruptedException;

    /** Leaves every topic; what was handed out but not settled goes back to the group. Idempotent. */
    void close();
}
