package io.kincir.kafka;

import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.PublishException;
import io.kincir.Publisher;
import io.kincir.spi.MetadataLimits;
import io.kincir.spi.Names;
import io.kincir.spi.OpenState;
import io.kincir.spi.OptionalKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Publishes through one shared Kafka producer. A batch is handed to the producer whole, then
 * {@code publish} waits for every record's acknowledgement (per the producer's {@code acks}). The
 * producer's partitioner places every record ({@link KincirPartitioner} by default: unkeyed ones in
 * turn over the partitions that have a leader, keyed ones by the key's hash).
 *
 * <p>A producer that failed fatally (fenced, a sequence gap, refused by the cluster's authorization
 * or authentication, or closed) fails every later send, so it is closed and replaced by a new one
 * from the factory: the publish that met the error fails, the next one goes through the new producer.
 */
final class KafkaPublisher implements Publisher {

    private static final System.Logger LOG = System.getLogger(KafkaPublisher.class.getName());

    private final ProducerFactory<byte[], byte[]> producerFactory;
    private final Topics topics;
    private final OpenState backend;
    private volatile Producer<byte[], byte[]> producer;

    KafkaPublisher(ProducerFactory<byte[], byte[]> producerFactory, Topics topics, OpenState backend) {
        this.producerFactory = producerFactory;
        this.topics = topics;
        this.backend = backend;
        this.producer = producerFactory.createNonTransactionalProducer();
    }

    /**
     * @throws io.kincir.BrokerShutdownException if the backend is closed, or closed while the batch
     *     was sent (its cause then says how much of it Kafka had acknowledged)
     */
    @Override
    public void publish(String topic, List<Message> messages) {
        Names.requireTopic(topic);
        Objects.requireNonNull(messages, "messages");
        backend.ensureOpen("publish to Kafka topic '" + topic + "'");
        if (messages.isEmpty()) {
            return;
        }
        OptionalKeys.require("Kafka", KafkaBackend.FEATURES, topic, messages);
        Producer<byte[], byte[]> current = producer;
        try {
            send(current, topic, messages);
        } catch (PublishException e) {
            if (isFatal(e.getCause())) {
                replace(current, e.getCause());
            }
            throw backend.explain(e, "publish to Kafka topic '" + topic + "'");
        }
    }

    private void send(Producer<byte[], byte[]> current, String topic, List<Message> messages) {
        for (int i = 0; i < messages.size(); i++) {
            MetadataLimits.require(topic, Objects.requireNonNull(messages.get(i), "message"), i, messages.size());
        }
        lookUpPartitions(current, topic);
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(messages.size());
        RuntimeException sendFailure = null;
        for (Message message : messages) {
            try {
                acknowledgements.add(current.send(RecordCodec.toRecord(topic, null, message)));
            } catch (KafkaException | IllegalStateException e) {
                sendFailure = e;
                break;
            }
        }
        awaitAcknowledgements(topic, messages, acknowledgements, sendFailure);
    }

    // Fails early, before anything is sent, when the topic cannot be created or its partitions found.
    private void lookUpPartitions(Producer<byte[], byte[]> current, String topic) {
        try {
            topics.ensure(topic);
            current.partitionsFor(topic);
        } catch (KafkaException | IllegalStateException e) {
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

    /**
     * @return whether the producer can send nothing more after this failure: it was fenced by another
     *     with its transactional id, lost a sequence (idempotence), is refused by the cluster's
     *     authorization or authentication, or was closed. A failure of one record or topic (too large,
     *     a timeout, a topic's ACL) is not fatal.
     */
    static boolean isFatal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof OutOfOrderSequenceException
                    || cause instanceof ClusterAuthorizationException
                    || cause instanceof TransactionalIdAuthorizationException
                    || cause instanceof AuthenticationException || cause instanceof UnsupportedVersionException
                    || cause instanceof IllegalStateException) {
                return true;
            }
        }
        return false;
    }

    // Other threads may be publishing through the failed producer too: only the first replaces it.
    private synchronized void replace(Producer<byte[], byte[]> failed, Throwable reason) {
        if (producer != failed || backend.isClosed()) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "The Kafka producer failed fatally (" + reason.getClass().getSimpleName()
                + "); closing it and creating a new one for the next publish");
        // Closes the client producer under the shared one, so the factory creates a new one.
        producerFactory.reset();
        producer = producerFactory.createNonTransactionalProducer();
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
