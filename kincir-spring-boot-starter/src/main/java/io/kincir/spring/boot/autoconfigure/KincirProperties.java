package io.kincir.spring.boot.autoconfigure;

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

    private final Rabbitmq rabbitmq = new Rabbitmq();

    public BackendType getBackend() {
        return backend;
    }

    public void setBackend(BackendType backend) {
        this.backend = backend;
    }

    public Memory getMemory() {
        return memory;
    }

    public Rabbitmq getRabbitmq() {
        return rabbitmq;
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
     * Kincir's own settings of the RabbitMQ backend, used when {@code kincir.backend} is
     * {@code rabbitmq}; the connection itself is configured by {@code spring.rabbitmq.*}.
     */
    public static class Rabbitmq {

        /** Most unacknowledged deliveries the broker pushes to one subscriber per topic. */
        private int prefetch = 250;

        /** Whether publishing to a topic that no group subscribed to fails (true) or is dropped by the broker (false). */
        private boolean mandatory = true;

        /** How long a publish waits for the broker to confirm its messages. */
        private Duration confirmTimeout = Duration.ofSeconds(30);

        /** Whether messages are persistent, written to disk in durable queues. */
        private boolean persistent = true;

        public int getPrefetch() {
            return prefetch;
        }

        public void setPrefetch(int prefetch) {
            this.prefetch = prefetch;
        }

        public boolean isMandatory() {
            return mandatory;
        }

        public void setMandatory(boolean mandatory) {
            this.mandatory = mandatory;
        }

        public Duration getConfirmTimeout() {
            return confirmTimeout;
        }

        public void setConfirmTimeout(Duration confirmTimeout) {
            this.confirmTimeout = confirmTimeout;
        }

        public boolean isPersistent() {
            return persistent;
        }

        public void setPersistent(boolean persistent) {
            this.persistent = persistent;
        }
    }
}
