package io.kincir.kafka;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BackendHealth;
import io.kincir.Features;
import io.kincir.Publisher;
import io.kincir.Subscriber;
import io.kincir.Topology;
import io.kincir.spi.Names;
import io.kincir.spi.OpenState;
import io.kincir.spi.Subscribers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The Kafka backend, on spring-kafka's {@link ProducerFactory}, {@link ConsumerFactory} and
 * {@link KafkaAdmin}, so every client setting (bootstrap servers, security, producer and consumer
 * properties; in Spring Boot, {@code spring.kafka.*}) applies unchanged. Kincir replaces only the
 * serializers (it moves bytes) and turns off the consumer's auto-commit (it commits what is settled).
 *
 * <pre>{@code
 * try (KafkaBackend kafka = KafkaBackend.builder().bootstrapServers("localhost:9092").build()) { ... }
 * }</pre>
 *
 * <p>Semantics: a message's payload is the record value, its metadata the record headers, its uuid the
 * {@code _uuid} header and its {@code partition_key} the record key (messages with one key keep their
 * order); messages without a key go in turn to the partitions that have a leader
 * ({@link KincirPartitioner}, unless the producer's {@code partitioner.class} is set). A group is a Kafka
 * {@code group.id}; a private subscriber assigns itself every partition and reads from the end, with
 * no group on the broker. A new named group starts at {@code auto.offset.reset} (by default the end).
 * Topics are created on first use with {@link Builder#partitions(int)} partitions unless
 * {@link Builder#autoCreateTopics(boolean)} is off.
 *
 * <p>Limits: a batch is not atomic (the exception says how many were not acknowledged); order holds
 * per partition only; a private subscriber does not see partitions added to a topic after it
 * subscribed; a rebalance hands deliveries that were outstanding to the partition's next owner, so
 * at-least-once may deliver twice.
 */
public final class KafkaBackend implements Backend {

    private static final AtomicLong CLIENTS = new AtomicLong();
    static final Features FEATURES = Features.builder().order(Features.OrderScope.PARTITION_KEY).ttl()
            .survivesRestart().build();

    private final ProducerFactory<byte[], byte[]> producerFactory;
    private final ConsumerFactory<byte[], byte[]> consumerFactory;
    private final KafkaSettings settings;
    private final Admin admin;
    private final Topics topics;
    private final KafkaHealth health;
    private final Set<GroupMember> members = ConcurrentHashMap.newKeySet();
    private final LongAdder expired = new LongAdder();
    private final OpenState open = new OpenState("the Kafka backend");
    private volatile KafkaPublisher publisher;

    private KafkaBackend(ProducerFactory<byte[], byte[]> producerFactory,
            ConsumerFactory<byte[], byte[]> consumerFactory, Map<String, Object> adminProperties,
            KafkaSettings settings) {
        this.producerFactory = producerFactory;
        this.consumerFactory = consumerFactory;
        this.settings = settings;
        this.admin = Admin.create(adminProperties);
        this.topics = new Topics(admin, settings);
        this.health = new KafkaHealth(admin, settings.healthTimeout(),
                adminProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** @return Kincir's own settings of this backend */
    public KafkaSettings settings() {
        return settings;
    }

    /** @return a builder; give it bootstrap servers or spring-kafka's factories */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Publisher publisher() {
        KafkaPublisher current = publisher;
        if (current == null) {
            synchronized (this) {
                open.ensureOpen("get a publisher");
                current = publisher;
                if (current == null) {
                    current = new KafkaPublisher(producerFactory, topics, open);
                    publisher = current;
                }
            }
        }
        return current;
    }

    @Override
    public Subscriber subscriber() {
        return Subscribers.subscriber(member(null, false), Fetched::message);
    }

    @Override
    public Subscriber subscriber(String group) {
        return Subscribers.subscriber(member(Names.requireGroup(group), false), Fetched::message);
    }

    /** A record stays outstanding, and uncommitted, until its delivery is settled. */
    @Override
    public AckSubscriber ackSubscriber(String group) {
        GroupMember member = member(Names.requireGroup(group), true);
        return Subscribers.ackSubscriber(member, record -> new KafkaDelivery(member, record));
    }

    /**
     * @return order per {@code partition_key} (one key, one partition), {@code _ttl} (decided as a record
     *     is handed out: one past it is skipped, committed and counted in {@link #health()}'s
     *     {@code expired}), and what a publish acknowledged outlives a broker restart (Kafka's log, per
     *     the producer's {@code acks} and the topic's replicas); no {@code _delay} (a partition is read in
     *     order, so holding one record back would hold back every record behind it) and no
     *     {@code _priority}: a message with either fails to publish with
     *     {@link io.kincir.UnsupportedFeatureException}
     */
    @Override
    public Features features() {
        return FEATURES;
    }

    /** @return the cluster's topics, internal ones left out, and their consumer groups ({@link KafkaTopology}) */
    @Override
    public Topology brokerTopology() {
        open.ensureOpen("read the topology");
        return new KafkaTopology(admin, settings.operationTimeout()).read();
    }

    @Override
    public BackendHealth health() {
        if (open.isClosed()) {
            return BackendHealth.down("The Kafka backend is closed", Map.of());
        }
        return health.check(expired.sum());
    }

    /** Closes every subscriber (committing what they settled), then the producer and the admin client. */
    @Override
    public void close() {
        if (!open.close()) {
            return;
        }
        members.forEach(GroupMember::closeWithBackend);
        producerFactory.reset();
        admin.close(settings.operationTimeout());
    }

    /** @return bytes every subscriber of this backend fetched and has not yet handed out */
    long fetchedAheadBytes() {
        long bytes = 0;
        for (GroupMember member : members) {
            bytes += member.fetchedAheadBytes();
        }
        return bytes;
    }

    /** @return the factory of the publisher's producer */
    ProducerFactory<byte[], byte[]> producerFactory() {
        return producerFactory;
    }

    private GroupMember member(String group, boolean untilSettled) {
        open.ensureOpen("create a subscriber");
        Properties overrides = new Properties();
        overrides.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Consumer<byte[], byte[]> consumer = consumerFactory.createConsumer(group,
                "kincir-" + (group == null ? "private" : group), "-" + CLIENTS.incrementAndGet(), overrides);
        Object offsetReset = consumerFactory.getConfigurationProperties()
                .getOrDefault(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        GroupMember member = new GroupMember(group, String.valueOf(offsetReset), consumer, topics, settings,
                untilSettled, members::remove, expired);
        members.add(member);
        return member;
    }


    /**
     * Builds a {@link KafkaBackend} from spring-kafka's factories (as the Spring Boot starter does) or
     * from client properties (without Spring). A factory given wins over the properties for its
     * client.
     */
    public static final class Builder {

        private final Map<String, Object> clientProperties = new HashMap<>();
        private final Map<String, Object> producerProperties = new HashMap<>();
        private final Map<String, Object> consumerProperties = new HashMap<>();
        private ProducerFactory<?, ?> producerFactory;
        private ConsumerFactory<?, ?> consumerFactory;
        private KafkaAdmin kafkaAdmin;
        private int partitions = KafkaSettings.defaults().partitions();
        private short replicationFactor = KafkaSettings.defaults().replicationFactor();
        private boolean autoCreateTopics = KafkaSettings.defaults().autoCreateTopics();
        private Duration pollTimeout = KafkaSettings.defaults().pollTimeout();
        private int receiveBuffer = KafkaSettings.defaults().receiveBuffer();
        private long receiveBufferBytes = KafkaSettings.defaults().receiveBufferBytes();
        private Duration operationTimeout = KafkaSettings.defaults().operationTimeout();
        private Duration healthTimeout = KafkaSettings.defaults().healthTimeout();

        private Builder() {
        }

        /** @param servers {@code host:port[,host:port…]}, Kafka's {@code bootstrap.servers} */
        public Builder bootstrapServers(String servers) {
            return clientProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        }

        /** A property of every client (producer, consumers, admin), such as {@code security.protocol}. */
        public Builder clientProperty(String key, Object value) {
            clientProperties.put(key, value);
            return this;
        }

        /** Properties of the producer only, such as {@code acks} or {@code linger.ms}. */
        public Builder producerProperties(Map<String, ?> properties) {
            producerProperties.putAll(properties);
            return this;
        }

        /** Properties of the consumers only, such as {@code auto.offset.reset}. */
        public Builder consumerProperties(Map<String, ?> properties) {
            consumerProperties.putAll(properties);
            return this;
        }

        /**
         * The producer factory to use (Spring Boot's, for {@code spring.kafka.producer.*}). Kincir uses a
         * copy with byte-array serializers; a factory holding serializer instances of its own is refused.
         */
        public Builder producerFactory(ProducerFactory<?, ?> factory) {
            this.producerFactory = Objects.requireNonNull(factory, "producerFactory");
            return this;
        }

        /**
         * The consumer factory to use (Spring Boot's, for {@code spring.kafka.consumer.*}). Kincir's
         * consumers override its deserializers with byte-array ones and turn auto-commit off.
         */
        public Builder consumerFactory(ConsumerFactory<?, ?> factory) {
            this.consumerFactory = Objects.requireNonNull(factory, "consumerFactory");
            return this;
        }

        /** The admin whose configuration ({@code spring.kafka.admin.*}) creates topics and checks health. */
        public Builder kafkaAdmin(KafkaAdmin admin) {
            this.kafkaAdmin = Objects.requireNonNull(admin, "kafkaAdmin");
            return this;
        }

        /** Takes every one of Kincir's own settings at once (the Spring Boot starter's way). */
        public Builder settings(KafkaSettings settings) {
            partitions = settings.partitions();
            replicationFactor = settings.replicationFactor();
            autoCreateTopics = settings.autoCreateTopics();
            pollTimeout = settings.pollTimeout();
            receiveBuffer = settings.receiveBuffer();
            receiveBufferBytes = settings.receiveBufferBytes();
            operationTimeout = settings.operationTimeout();
            healthTimeout = settings.healthTimeout();
            return this;
        }

        /** @param partitions partitions of each topic Kincir creates (default 4); -1 for the broker's default */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** @param replicationFactor replicas of each topic Kincir creates; -1 (default) for the broker's default */
        public Builder replicationFactor(int replicationFactor) {
            if (replicationFactor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("replication factor too large: " + replicationFactor);
            }
            this.replicationFactor = (short) replicationFactor;
            return this;
        }

        /** @param create whether a missing topic is created on first use (default true) */
        public Builder autoCreateTopics(boolean create) {
            this.autoCreateTopics = create;
            return this;
        }

        /** @param timeout the longest one poll of a subscriber blocks (default 1s) */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = timeout;
            return this;
        }

        /** @param records records a subscriber fetches ahead of {@code receive} before it pauses (default 1000) */
        public Builder receiveBuffer(int records) {
            this.receiveBuffer = records;
            return this;
        }

        /**
         * @param bytes bytes (keys, values, headers) a subscriber fetches ahead of {@code receive}
         *     before it pauses (default 64 MiB)
         */
        public Builder receiveBufferBytes(long bytes) {
            this.receiveBufferBytes = bytes;
            return this;
        }

        /** @param timeout the longest a subscribe, topic creation or close waits for the cluster (default 30s) */
        public Builder operationTimeout(Duration timeout) {
            this.operationTimeout = timeout;
            return this;
        }

        /** @param timeout the longest a health check waits for the cluster (default 5s) */
        public Builder healthTimeout(Duration timeout) {
            this.healthTimeout = timeout;
            return this;
        }

        /**
         * @return the backend; it connects on first use
         * @throws IllegalArgumentException if neither factories nor bootstrap servers were given, or a
         *     factory holds serializers of its own
         */
        public KafkaBackend build() {
            KafkaSettings settings = new KafkaSettings(partitions, replicationFactor, autoCreateTopics, pollTimeout,
                    receiveBuffer, receiveBufferBytes, operationTimeout, healthTimeout);
            Map<String, Object> adminProperties = kafkaAdmin != null
                    ? new HashMap<>(kafkaAdmin.getConfigurationProperties()) : requireBootstrap(clientProperties);
            return new KafkaBackend(bytesProducerFactory(), bytesConsumerFactory(), adminProperties, settings);
        }

        private ProducerFactory<byte[], byte[]> bytesProducerFactory() {
            if (producerFactory == null) {
                Map<String, Object> properties = requireBootstrap(merged(producerProperties));
                properties.putIfAbsent(ProducerConfig.PARTITIONER_CLASS_CONFIG, KincirPartitioner.class);
                return new DefaultKafkaProducerFactory<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
            }
            requireBytes(producerFactory.getKeySerializer(), ByteArraySerializer.class, "key serializer");
            requireBytes(producerFactory.getValueSerializer(), ByteArraySerializer.class, "value serializer");
            Map<String, Object> overrides = new HashMap<>(Map.of(
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
            if (!producerFactory.getConfigurationProperties().containsKey(ProducerConfig.PARTITIONER_CLASS_CONFIG)) {
                overrides.put(ProducerConfig.PARTITIONER_CLASS_CONFIG, KincirPartitioner.class);
            }
            @SuppressWarnings("unchecked")
            ProducerFactory<byte[], byte[]> copy = (ProducerFactory<byte[], byte[]>) producerFactory
                    .copyWithConfigurationOverride(overrides);
            return copy;
        }

        private ConsumerFactory<byte[], byte[]> bytesConsumerFactory() {
            if (consumerFactory == null) {
                Map<String, Object> properties = requireBootstrap(merged(consumerProperties));
                return new DefaultKafkaConsumerFactory<>(properties, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer());
            }
            requireBytes(consumerFactory.getKeyDeserializer(), ByteArrayDeserializer.class, "key deserializer");
            requireBytes(consumerFactory.getValueDeserializer(), ByteArrayDeserializer.class, "value deserializer");
            @SuppressWarnings("unchecked")
            ConsumerFactory<byte[], byte[]> bytes = (ConsumerFactory<byte[], byte[]>) consumerFactory;
            return bytes;
        }

        private Map<String, Object> merged(Map<String, Object> specific) {
            Map<String, Object> properties = new HashMap<>(clientProperties);
            properties.putAll(specific);
            return properties;
        }

        private static Map<String, Object> requireBootstrap(Map<String, Object> properties) {
            if (!properties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
                throw new IllegalArgumentException("Kafka needs bootstrap servers: call bootstrapServers(\"host:9092\")"
                        + " or give spring-kafka's factories");
            }
            return new HashMap<>(properties);
        }

        private static void requireBytes(Object serializer, Class<?> expected, String what) {
            if (serializer != null && !expected.isInstance(serializer)) {
                throw new IllegalArgumentException("The factory's " + what + " is a " + serializer.getClass().getName()
                        + ", but Kincir moves bytes (" + expected.getSimpleName() + "). Give Kincir a factory"
                        + " configured by properties only; Kincir sets the (de)serializers itself");
            }
        }
    }
}
