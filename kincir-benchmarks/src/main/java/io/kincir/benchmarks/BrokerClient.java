package io.kincir.benchmarks;

import io.kincir.Message;
import java.io.IOException;
import java.util.List;

/**
 * Publishes to and consumes from one topic of a real broker: through Kincir's backend, or through the
 * broker's own client with the same settings. The broker benchmarks run the same calls over each, so
 * the two differ only in this class.
 */
interface BrokerClient extends AutoCloseable {

    /**
     * Publishes a batch and returns once the broker acknowledged every message of it (Kafka's
     * {@code acks}, RabbitMQ's publisher confirms).
     */
    void publish(List<Message> batch) throws Exception;

    /**
     * Receives exactly {@code count} messages published since this client was created, settling each
     * as the client's consumer does (Kafka: offsets committed after each poll; RabbitMQ: one ack per
     * message).
     *
     * @return the payload bytes received
     */
    long receive(int count) throws Exception;

    /** Drops what was published and not received, so that a publish-only run does not fill the broker. */
    void purge() throws Exception;

    @Override
    void close() throws IOException;
}
