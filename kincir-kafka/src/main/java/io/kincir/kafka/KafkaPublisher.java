package io.kincir.kafka;

import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Publisher;
import io.kincir.spi.OpenState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Publishes through one shared Kafka producer. A batch is handed to the producer whole, then
 * {@code publish} waits for every record's acknowledgement (per the producer's {@code acks}).
 * Messages without a {@code partition_key} go round-robin over the topic's partitions, so that the
 * members of a group share them; keyed messages go where the producer's partitioner hashes the key.
 */
final class KafkaPublisher implements Publisher {

    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final OpenState backend;
    private final Map<String, AtomicInteger> nextPartition = new ConcurrentHashMap<>();

    KafkaPublisher(Producer<byte[], byte[]> producer, Topics topics, OpenState backend) {
        this.producer = producer;
        this.topics = topics;
        this.backend = backend;
    }

    /**
     * @throws io.kincir.BrokerShutdownException if the backend is closed, or closed while the batch
     *     was sent (its cause then says how much of it Kafka had acknowledged)
     */
    @Override
    public void publish(String topic, List<Message> messages) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(messages, "messages");
        backend.ensureOpen("publish to Kafka topic '" + topic + "'");
        if (messages.isEmpty()) {
            return;
        }
        try {
            send(topic, messages);
        } catch (PublishException e) {
            throw backend.explain(e, "publish to Kafka topic '" + topic + "'");
        }
    }

    private void send(String topic, List<Message> messages) {
        int partitions = partitionCount(topic);
        AtomicInteger rotation = nextPartition.computeIfAbsent(topic, t -> new AtomicInteger());
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(messages.size());
        RuntimeException sendFailure = null;
        for (Message message : messages) {
            Integer partition = message.metadata().containsKey(MetadataKeys.PARTITION_KEY) ? null
                    : Math.floorMod(rotation.getAndIncrement(), partitions);
            try {
                acknowledgements.add(producer.send(RecordCodec.toRecord(topic, partition, message)));
            } catch (KafkaException | IllegalStateException e) {
                sendFailure = e;
                break;
            }
        }
        awaitAcknowledgements(topic, messages, acknowledgements, sendFailure);
    }

    private int partitionCount(String topic) {
        try {
            topics.ensure(topic);
            return producer.partitionsFor(topic).size();
        } catch (KafkaException e) {
            throw new PublishException(topic, "Nothing was published to Kafka topic '" + topic
                    + "': its partitions could not be looked up: " + e.getMessage() + advice(e), e);
        } catch (KincirException e) {
            throw new PublishException(topic, "Nothing was published to Kafka topic '" + topic + "': "
                    + e.getMessage(), e);
        }
    }

    // Waits for every record handed to the producer, even after a failure, so the exception can say
    // how many of the batch were acknowledged.
    private void awaitAcknowledgements(String topic, List<Message> messages, List<Future<RecordMetadata>> sent,
            RuntimeException sendFailure) {
        Throwable firstFailure = null;
        int firstFailed = -1;
        int failed = 0;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = e.getCause();
                    firstFailed = i;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishException(topic, "Interrupted while waiting for Kafka to acknowledge messages for"
                        + " topic '" + topic + "'; some may have been published", e);
            }
        }
        if (sendFailure != null) {
            failed += messages.size() - sent.size();
            if (firstFailure == null) {
                firstFailure = sendFailure;
                firstFailed = sent.size();
            }
        }
        if (firstFailure != null) {
            throw new PublishException(topic, "Kafka did not acknowledge " + failed + " of " + messages.size()
                    + " messages for topic '" + topic + "' (the others were published); the first failed is uuid "
                    + messages.get(firstFailed).uuid() + ": " + firstFailure.getMessage() + advice(firstFailure),
                    firstFailure);
        }
    }

    private static String advice(Throwable failure) {
        if (failure instanceof RecordTooLargeException) {
            return ". Send smaller payloads, or raise the producer's max.request.size"
                    + " (spring.kafka.producer.properties.max.request.size) and the broker's message.max.bytes";
        }
        if (failure instanceof TimeoutException) {
            return ". Check that the brokers in spring.kafka.bootstrap-servers are reachable and that the topic's"
                    + " partitions have leaders";
        }
        if (failure instanceof AuthorizationException) {
            return ". Grant this client WRITE (and DESCRIBE) on the topic";
        }
        return "";
    }
}
