package io.kincir.spring.boot.autoconfigure;

import io.kincir.kafka.KafkaSettings;
import io.kincir.memory.InMemoryConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Kincir's settings under {@code kincir.*}. Connection settings of the external backends are not
 * repeated here: the Kafka backend uses {@code spring.kafka.*}, the RabbitMQ backend
 * {@code spring.rabbitmq.*}.
 */
@ConfigurationProperties("kincir")
public class KincirProperties {

    /** Which backend carries the messages. */
    private BackendType backend = BackendType.IN_MEMORY;

    private final Memory memory = new Memory();

    private final Kafka kafka = new Kafka();

    public BackendType getBackend() {
        return backend;
    }

    public void setBackend(BackendType backend) {
        this.backend = backend;
    }

    public Memory getMemory() {
        return memory;
    }

    public Kafka getKafka() {
        return kafka;
    }

    /** The backends {@code kincir.backend} can name. */
    public enum BackendType {
        /** The embedded in-memory broker: no server, messages live in this JVM. */
        IN_MEMORY,
        /** Apache Kafka, through spring-kafka and {@code spring.kafka.*}. */
        KAFKA,
        /** RabbitMQ, through spring-rabbit and {@code spring.rabbitmq.*}. */
        RABBITMQ,
        /** NATS JetStream. */
        NATS,
        /** Redis Streams. */
        REDIS
    }

    /** The in-memory broker, used when {@code kincir.backend} is {@code in-memory}. */
    public static class Memory {

        /** Most messages one subscriber group of a topic may hold waiting; 0 for unlimited. */
        private int maxQueueSize = 0;

        /** Most topics the broker holds; 0 for unlimited. */
        private int maxTopics = 0;

        /** Whether messages get a per-topic _sequence and are delivered in that order. */
        private boolean maintainOrder = true;

        /** How long a message may wait before it expires undelivered; unset for no expiry. */
        private Duration messageTtl;

        /** How often expired messages are removed from the queues; 0 for never. */
        private Duration cleanupInterval = Duration.ofSeconds(60);

        /** Whether to count published and consumed messages. */
        private boolean stats = false;

        /** Most subscribers one topic may have, over all groups; 0 for unlimited. */
        private int maxSubscribersPerTopic = 0;

        /** How long a publish waits for room in a full queue before failing; 0 to fail at once. */
        private Duration publishTimeout = Duration.ZERO;

        /** @return these settings as the broker's configuration */
        public InMemoryConfig toConfig() {
            return InMemoryConfig.defaults()
                    .withMaxQueueSize(maxQueueSize)
                    .withMaxTopics(maxTopics)
                    .withMaintainOrder(maintainOrder)
                    .withMessageTtl(messageTtl)
                    .withCleanupInterval(cleanupInterval)
                    .withStats(stats)
                    .withMaxSubscribersPerTopic(maxSubscribersPerTopic)
                    .withPublishTimeout(publishTimeout);
        }

        public int getMaxQueueSize() {
            return maxQueueSize;
        }

        public void setMaxQueueSize(int maxQueueSize) {
            this.maxQueueSize = maxQueueSize;
        }

        public int getMaxTopics() {
            return maxTopics;
        }

        public void setMaxTopics(int maxTopics) {
            this.maxTopics = maxTopics;
        }

        public boolean isMaintainOrder() {
            return maintainOrder;
        }

        public void setMaintainOrder(boolean maintainOrder) {
            this.maintainOrder = maintainOrder;
        }

        public Duration getMessageTtl() {
            return messageTtl;
        }

        public void setMessageTtl(Duration messageTtl) {
            this.messageTtl = messageTtl;
        }

        public Duration getCleanupInterval() {
            return cleanupInterval;
        }

        public void setCleanupInterval(Duration cleanupInterval) {
            this.cleanupInterval = cleanupInterval;
        }

        public boolean isStats() {
            return stats;
        }

        public void setStats(boolean stats) {
            this.stats = stats;
        }

        public int getMaxSubscribersPerTopic() {
            return maxSubscribersPerTopic;
        }

        public void setMaxSubscribersPerTopic(int maxSubscribersPerTopic) {
            this.maxSubscribersPerTopic = maxSubscribersPerTopic;
        }

        public Duration getPublishTimeout() {
            return publishTimeout;
        }

        public void setPublishTimeout(Duration publishTimeout) {
            this.publishTimeout = publishTimeout;
        }
    }

    /**
     * Kincir's own settings of the Kafka backend, used when {@code kincir.backend} is {@code kafka}.
     * Connection, security, producer and consumer settings are Spring Boot's {@code spring.kafka.*}.
     */
    public static class Kafka {

        /** Partitions of each topic Kincir creates; -1 for the broker's num.partitions. */
        private int partitions = 4;

        /** Replicas of each topic Kincir creates; -1 for the broker's default.replication.factor. */
        private short replicationFactor = -1;

        /** Whether Kincir creates a missing topic on first use. */
        private boolean autoCreateTopics = true;

        /** The longest one poll of a subscriber's consumer blocks. */
        private Duration pollTimeout = Duration.ofSeconds(1);

        /** Records a subscriber fetches ahead of receive before it pauses fetching. */
        private int receiveBuffer = 1000;

        /** The longest a subscribe, a topic creation or a close waits for the cluster. */
        private Duration operationTimeout = Duration.ofSeconds(30);

        /** The longest a health check waits for the cluster. */
        private Duration healthTimeout = Duration.ofSeconds(5);

        /** @return these settings as the backend's */
        public KafkaSettings toSettings() {
            return new KafkaSettings(partitions, replicationFactor, autoCreateTopics, pollTimeout, receiveBuffer,
                    operationTimeout, healthTimeout);
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public boolean isAutoCreateTopics() {
            return autoCreateTopics;
        }

        public void setAutoCreateTopics(boolean autoCreateTopics) {
            this.autoCreateTopics = autoCreateTopics;
        }

        public Duration getPollTimeout() {
            return pollTimeout;
        }

        public void setPollTimeout(Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        public int getReceiveBuffer() {
            return receiveBuffer;
        }

        public void setReceiveBuffer(int receiveBuffer) {
            this.receiveBuffer = receiveBuffer;
        }

        public Duration getOperationTimeout() {
            return operationTimeout;
        }

        public void setOperationTimeout(Duration operationTimeout) {
            this.operationTimeout = operationTimeout;
        }

        public Duration getHealthTimeout() {
            return healthTimeout;
        }

        public void setHealthTimeout(Duration healthTimeout) {
            this.healthTimeout = healthTimeout;
        }
    }
}
