package io.kincir.kafka;

import io.kincir.BackendUnavailableException;
import io.kincir.KincirException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure a topic exists before it is used, creating it when allowed, and remembers its partition
 * count. Thread-safe; each topic costs the cluster one round trip per backend.
 */
final class Topics {

    /**
     * @param partitions the topic's partition count
     * @param createdNow whether this call created it (so it was empty a moment ago)
     */
    record Known(int partitions, boolean createdNow) {
    }

    private static final long LEADER_CHECK_INTERVAL_MILLIS = 10;

    private final Admin admin;
    private final KafkaSettings settings;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

    Topics(Admin admin, KafkaSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    /**
     * @return the topic's partition count, and whether this call created it
     * @throws KincirException if the topic is missing and cannot be created; the message says why
     */
    Known ensure(String topic) {
        Integer count = partitionCounts.get(topic);
        if (count != null) {
            return new Known(count, false);
        }
        Known known = settings.autoCreateTopics() ? createOrDescribe(topic) : new Known(describe(topic), false);
        partitionCounts.put(topic, known.partitions());
        return known;
    }

    private Known createOrDescribe(String topic) {
        NewTopic newTopic = new NewTopic(topic,
                settings.partitions() > 0 ? Optional.of(settings.partitions()) : Optional.empty(),
                settings.replicationFactor() > 0 ? Optional.of(settings.replicationFactor()) : Optional.empty());
        try {
            int partitions = await(admin.createTopics(List.of(newTopic)).numPartitions(topic));
            awaitLeaders(topic, partitions);
            return new Known(partitions, true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return new Known(describe(topic), false);
            }
            return new Known(describeAfterFailedCreation(topic, e.getCause()), false);
        }
    }

    // A topic exists before its partitions can take records. An idempotent producer that sends several
    // batches to a partition in that moment can leave them stuck until delivery.timeout.ms (seen with
    // Kafka 4.2 clients), so a topic's first use waits until each partition's leader answers.
    private void awaitLeaders(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + settings.operationTimeout().toNanos();
        while (true) {
            try {
                await(admin.listOffsets(ends).all());
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new BackendUnavailableException("Kafka topic '" + topic + "' was created, but its partitions"
                            + " did not answer within " + settings.operationTimeout() + ": " + e.getCause().getMessage(),
                            e.getCause());
                }
            }
            try {
                Thread.sleep(LEADER_CHECK_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KincirException("Interrupted while waiting for Kafka topic '" + topic + "'", e);
            }
        }
    }

    private int describeAfterFailedCreation(String topic, Throwable creationFailure) {
        try {
            return describe(topic);
        } catch (KincirException missing) {
            throw new KincirException("Kafka topic '" + topic + "' does not exist and could not be created: "
                    + creationFailure.getMessage() + ". Create it yourself, or allow this client to create topics"
                    + " (CREATE on the cluster or topic, valid kincir.kafka.partitions and replication-factor)",
                    creationFailure);
        }
    }

    private int describe(String topic) {
        try {
            TopicDescription description = await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic));
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new KincirException("Kafka topic '" + topic + "' does not exist, and kincir.kafka"
                        + ".auto-create-topics is false. Create the topic first, or set kincir.kafka.auto-create-topics"
                        + "=true", e.getCause());
            }
            throw new KincirException("Could not look up Kafka topic '" + topic + "': " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KincirException("Interrupted while waiting for Kafka", e);
        } catch (TimeoutException e) {
            throw new BackendUnavailableException("Kafka did not answer within "
                    + settings.operationTimeout() + "; check spring.kafka.bootstrap-servers and that the brokers run", e);
        }
    }
}
