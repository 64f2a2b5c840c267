package io.kincir.benchmarks;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.kincir.conformance.ExternalServer;
import io.kincir.kafka.KafkaBackend;
import io.kincir.kafka.SharedKafkaBroker;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.redis.RedisBackend;
import io.kincir.redis.RedisSettings;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The real brokers the broker benchmarks talk to, and the one set of client settings both contenders
 * get: a Kafka broker (KRaft) started in the benchmark JVM, the RabbitMQ server on
 * 127.0.0.1:5672 (guest/guest), and the Redis server on 127.0.0.1:6379.
 *
 * <p>Kafka: {@code acks=all}, {@code linger.ms=5} (Kafka 4's defaults, written out), topics of
 * {@value #KAFKA_PARTITIONS} partitions (Kincir's default), consumers reading from the earliest
 * offset with auto-commit off. RabbitMQ: persistent, mandatory messages with publisher confirms,
 * prefetch {@value #RABBIT_PREFETCH} (Kincir's and spring-rabbit's default), manual acks. Redis: no
 * trimming ({@code MAXLEN} off, Kincir's default), reads of at most {@value #REDIS_READ_COUNT} entries
 * blocking at most {@link #REDIS_BLOCK_TIME} (Kincir's defaults), every key under a prefix of the
 * benchmark's own ({@link #redisKeyPrefix()}), deleted at the end.
 */
final class Brokers {

    /** The {@code broker} parameter's values. */
    static final String KAFKA = "kafka";
    static final String RABBITMQ = "rabbitmq";
    /** NATS JetStream on 127.0.0.1:4222, with the settings of {@link NatsBroker}. */
    static final String NATS = "nats";
    /** Redis Streams on 127.0.0.1:6379, with Kincir's default settings. */
    static final String REDIS = "redis";
    /** The {@code contender} parameter's values: Kincir, or the broker's own client (the baseline). */
    static final String KINCIR = "kincir";
    static final String CLIENT = "client";

    /**
     * A fork's JVM argument: the embedded Kafka broker's threads outlive the benchmark, so the fork
     * exits at once (its shutdown hook stops the broker) instead of after JMH's 30 s wait for stray
     * threads.
     */
    static final String EXIT_FORK_AT_ONCE = "-Djmh.shutdownTimeout=0";

    /** Starts the name of every topic, queue and exchange the benchmarks create (see {@link RabbitQueuePolicy}). */
    static final String NAME_PREFIX = "bench-";
    static final int KAFKA_PARTITIONS = 4;
    static final int RABBIT_PREFETCH = 250;
    static final int REDIS_READ_COUNT = 100;
    static final Duration REDIS_BLOCK_TIME = Duration.ofSeconds(1);

    private static final AtomicInteger NAMES = new AtomicInteger();

    private Brokers() {
    }

    /**
     * @return a client of a topic (and group) of its own, subscribed
     * @throws IllegalStateException naming the command that starts RabbitMQ, if it is not reachable
     */
    static BrokerClient client(String broker, String contender) throws Exception {
        String topic = uniqueName(NAME_PREFIX + contender);
        if (NATS.equals(broker)) {
            return NatsBroker.client(contender, topic);
        }
        return switch (broker + "/" + contender) {
            case KAFKA + "/" + KINCIR -> new KincirBrokerClient(kafkaBackend(), topic, topic + "-group", () -> { },
                    () -> { });
            case KAFKA + "/" + CLIENT -> {
                createKafkaTopic(topic);
                yield new RawKafkaClient(topic, kafkaProducerProperties(), kafkaConsumerProperties(topic + "-group"));
            }
            case RABBITMQ + "/" + KINCIR -> {
                RabbitBackend backend = rabbitBackend();
                String group = "group";
                yield new KincirBrokerClient(backend, topic, group, () -> purgeRabbitQueue(topic + "." + group),
                        backend::deleteDeclared);
            }
            case RABBITMQ + "/" + CLIENT -> new RawRabbitClient(rabbitConnectionFactory(), topic, RABBIT_PREFETCH);
            case REDIS + "/" + KINCIR -> {
                requireRedis();
                RedisKeySpace keys = new RedisKeySpace(redisKeyPrefix());
                yield new KincirBrokerClient(redisBackend(keys.prefix()), topic, topic + "-group", keys::trimStreams,
                        keys::close);
            }
            case REDIS + "/" + CLIENT -> {
                requireRedis();
                yield new RawRedisClient(redisKeyPrefix() + topic, topic + "-group", REDIS_READ_COUNT, REDIS_BLOCK_TIME);
            }
            default -> throw new IllegalArgumentException("Unknown broker/contender '" + broker + "/" + contender
                    + "'; brokers: " + KAFKA + ", " + RABBITMQ + ", " + NATS + ", " + REDIS + "; contenders: "
                    + KINCIR + ", " + CLIENT);
        };
    }

    /** @return a name no other benchmark of this JVM uses, so that runs never read each other's messages */
    static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
    }

    static String kafkaBootstrapServers() {
        return SharedKafkaBroker.bootstrapServers();
    }

    static Map<String, Object> kafkaProducerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return properties;
    }

    /** @param group the raw consumer's group; Kincir names its own */
    static Map<String, Object> kafkaConsumerProperties(String group) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return properties;
    }

    static KafkaBackend kafkaBackend() {
        Map<String, Object> consumer = kafkaConsumerProperties("unused");
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return KafkaBackend.builder().bootstrapServers(kafkaBootstrapServers())
                .producerProperties(kafkaProducerProperties()).consumerProperties(consumer)
                .partitions(KAFKA_PARTITIONS).build();
    }

    /** Creates a topic as Kincir would: {@value #KAFKA_PARTITIONS} partitions, one replica. */
    static void createKafkaTopic(String topic) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, KAFKA_PARTITIONS, (short) 1))).all().get();
        }
    }

    static RabbitBackend rabbitBackend() {
        requireRabbit();
        return RabbitBackend.builder().host(ExternalServer.RABBITMQ.host()).port(ExternalServer.RABBITMQ.port())
                .credentials("guest", "guest").prefetch(RABBIT_PREFETCH).mandatory(true).persistent(true).build();
    }

    static ConnectionFactory rabbitConnectionFactory() {
        requireRabbit();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(ExternalServer.RABBITMQ.host());
        factory.setPort(ExternalServer.RABBITMQ.port());
        factory.setUsername("guest");
        factory.setPassword("guest");
        return factory;
    }

    static void requireRabbit() {
        if (!ExternalServer.RABBITMQ.reachable()) {
            throw new IllegalStateException("RabbitMQ is not reachable on " + ExternalServer.RABBITMQ.host() + ":"
                    + ExternalServer.RABBITMQ.port() + "; the RabbitMQ benchmarks need it. Start it with: "
                    + ExternalServer.RABBITMQ.howToStart() + ", or leave them out with --include");
        }
    }

    /**
     * @return a prefix for the keys of one client or application, starting {@value #NAME_PREFIX} and
     *     used by no other benchmark of any run, so that deleting what is under it touches nothing else
     */
    static String redisKeyPrefix() {
        return uniqueName(NAME_PREFIX + "redis") + ":";
    }

    static RedisURI redisUri() {
        return RedisURI.create(ExternalServer.REDIS.host(), ExternalServer.REDIS.port());
    }

    /** @param keyPrefix from {@link #redisKeyPrefix()} */
    static RedisBackend redisBackend(String keyPrefix) {
        requireRedis();
        return RedisBackend.builder().uri(redisUri()).settings(RedisSettings.defaults().withKeyPrefix(keyPrefix)
                .withReadCount(REDIS_READ_COUNT).withBlockTime(REDIS_BLOCK_TIME)).build();
    }

    static void requireRedis() {
        if (!ExternalServer.REDIS.reachable()) {
            throw new IllegalStateException("Redis is not reachable on " + ExternalServer.REDIS.host() + ":"
                    + ExternalServer.REDIS.port() + "; the Redis benchmarks need it. Start it with: "
                    + ExternalServer.REDIS.howToStart() + ", or leave them out with --include");
        }
    }

    private static void purgeRabbitQueue(String queue) {
        onRabbitChannel(channel -> channel.queuePurge(queue));
    }

    /**
     * Deletes queues and exchanges a benchmark left on RabbitMQ (durable ones outlive the backend that
     * declared them), on one channel.
     */
    static void deleteFromRabbit(List<String> queues, List<String> exchanges) {
        onRabbitChannel(channel -> {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
            for (String exchange : exchanges) {
                channel.exchangeDelete(exchange);
            }
        });
    }

    private interface ChannelAction {
        void run(Channel channel) throws IOException;
    }

    private static void onRabbitChannel(ChannelAction action) {
        try (Connection connection = rabbitConnectionFactory().newConnection("kincir-bench-admin");
                Channel channel = connection.createChannel()) {
            action.run(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Closing a RabbitMQ channel timed out", e);
        }
    }
}
