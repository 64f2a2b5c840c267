package io.kincir.benchmarks;

import io.kincir.Message;
import java.io.IOException;
import java.util.List;

/**
 * Publishes to one topic of a real broker and consumes it in one group: through Kincir's backend, or
 * through the broker's own client with the same settings. The broker benchmarks run the same calls
 * over each, so the two differ only in this class.
 *
 * <p>The group outlives its member: what is published while no member is joined waits for the next
 * one (RabbitMQ: the group's durable queue; Kafka: the group's committed offsets).
 */
interface BrokerClient extends AutoCloseable {

    /**
     * Publishes a batch and returns once the broker acknowledged every message of it (Kafka's
     * {@code acks}, RabbitMQ's publisher confirms).
     */
    void publish(List<Message> batch) throws Exception;

    /** Starts a member of the group; returns once it is assigned what it will read. */
    void join() throws Exception;

    /**
     * Receives exactly {@code count} messages through the joined member, settling each as the client's
     * consumer does (Kafka: offsets committed after each poll; RabbitMQ: one ack per message).
     *
     * @return the payload bytes received
     */
    long receive(int count) throws Exception;

    /** Stops the member, with everything it received settled; the group keeps what it did not receive. */
    void leave() throws Exception;

    /** Drops what was published and not received, so that a publish-only run does not fill the broker. */
    void purge() throws Exception;

    /** Leaves if joined, and removes what the client declared on the broker. */
    @Override
    void close() throws IOException;
}
