package io.kincir.benchmarks;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.rabbitmq.RabbitBackend;
import io.kincir.spring.KincirListener;
import io.kincir.spring.boot.autoconfigure.KincirProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;
import org.springframework.data.redis.stream.Subscription;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * A Spring Boot application with one listener method on a topic of its own, for
 * {@link ListenerBenchmark}: Kincir's {@code @KincirListener}, or the framework's own
 * {@code @KafkaListener} / {@code @RabbitListener}, each with Spring Boot's defaults (one consumer;
 * Kafka: 4 partitions, offsets committed after each poll's records; RabbitMQ: prefetch 250, one ack
 * per message); on Redis, which has no listener annotation, Spring Data Redis's
 * {@link StreamMessageListenerContainer} on Spring Boot's connection factory, reading in a consumer
 * group with Kincir's count and block time and acknowledging each message as {@code @KincirListener}
 * does. Every listener hands its message to a {@link Demand}, so a backlog can be published first and
 * then drained, timed.
 *
 * <p>The backlog is published with Kincir's publisher for the same broker, outside the timing; the
 * framework's listeners read only the payload.
 */
final class ListenerApplication implements AutoCloseable {

    /** The {@code contender} value of the framework's own listener, the baseline. */
    static final String SPRING = "spring";

    private static final String KINCIR_GROUP = "bench";
    private static final int FEED_BATCH = 1_000;

    private final String broker;
    private final String topic;
    private final Demand demand = new Demand();
    private final ConfigurableApplicationContext context;
    private final Backend feeder;
    private final RedisKeySpace redisKeys;
    private final Publisher publisher;

    /**
     * Starts the application; its listener is running (subscribed) when this returns.
     *
     * @param broker {@link Brokers#KAFKA}, {@link Brokers#RABBITMQ} or {@link Brokers#REDIS}
     * @param contender {@link Brokers#KINCIR} or {@link #SPRING}
     */
    ListenerApplication(String broker, String contender) throws Exception {
        this.broker = broker;
        this.topic = Brokers.uniqueName(Brokers.NAME_PREFIX + "listener-" + contender);
        Map<String, Object> properties = new HashMap<>();
        properties.put("bench.topic", topic);
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        RedisKeySpace keys = null;
        if (Brokers.KAFKA.equals(broker)) {
            Brokers.createKafkaTopic(topic);
            properties.put("spring.kafka.bootstrap-servers", Brokers.kafkaBootstrapServers());
            properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
            properties.put("spring.kafka.consumer.key-deserializer", ByteArrayDeserializer.class.getName());
            properties.put("spring.kafka.consumer.value-deserializer", ByteArrayDeserializer.class.getName());
            feeder = Brokers.kafkaBackend();
        } else if (Brokers.RABBITMQ.equals(broker)) {
            feeder = Brokers.rabbitBackend();
            properties.put("spring.rabbitmq.host", "127.0.0.1");
            properties.put("spring.rabbitmq.port", 5672);
            properties.put("spring.rabbitmq.username", "guest");
            properties.put("spring.rabbitmq.password", "guest");
        } else if (Brokers.NATS.equals(broker)) {
            feeder = NatsBroker.backend();
            properties.put("kincir.nats.servers", NatsBroker.URL);
            properties.put("kincir.nats.pull-batch", NatsBroker.PULL_BATCH);
        } else if (Brokers.REDIS.equals(broker)) {
            Brokers.requireRedis();
            keys = new RedisKeySpace(Brokers.redisKeyPrefix());
            feeder = Brokers.redisBackend(keys.prefix());
            properties.put("spring.data.redis.host", Brokers.redisUri().getHost());
            properties.put("spring.data.redis.port", Brokers.redisUri().getPort());
            properties.put("kincir.redis.key-prefix", keys.prefix());
            properties.put("kincir.redis.read-count", Brokers.REDIS_READ_COUNT);
            properties.put("kincir.redis.block-time", Brokers.REDIS_BLOCK_TIME.toString());
            // The stream Kincir's publisher adds the backlog to (docs/redis.md, "Mapping").
            properties.put("bench.stream", keys.prefix() + "{" + topic + "}");
        } else {
            throw new IllegalArgumentException("Unknown broker '" + broker + "'; use " + Brokers.KAFKA + ", "
                    + Brokers.RABBITMQ + ", " + Brokers.NATS + " or " + Brokers.REDIS);
        }
        redisKeys = keys;
        // The frameworks' own applications have Kincir's starter and every backend module on the classpath too,
        // where an unset kincir.backend fails the start-up: the in-memory broker keeps Kincir idle there.
        properties.put("kincir.backend", "in-memory");
        Class<?> application = switch (contender) {
            case Brokers.KINCIR -> {
                properties.put("kincir.backend", broker);
                yield KincirListenerApplication.class;
            }
            case SPRING -> switch (broker) {
                case Brokers.KAFKA -> KafkaListenerApplication.class;
                case Brokers.RABBITMQ -> RabbitListenerApplication.class;
                case Brokers.NATS -> NatsPullLoopApplication.class;
                default -> RedisStreamListenerApplication.class;
            };
            default -> throw new IllegalArgumentException("Unknown contender '" + contender + "'; use " + Brokers.KINCIR
                    + " or " + SPRING);
        };
        context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE).properties(properties)
                .initializers(started -> started.getBeanFactory().registerSingleton("demand", demand)).run();
        publisher = feeder.publisher();
    }

    /** Publishes {@code count} messages of 100 bytes, a multiple of 1,000, and waits for the broker's acknowledgement. */
    void publishBacklog(int count) {
        if (Brokers.NATS.equals(broker)) {
            // A NATS stream keeps every message, handled or not: drop the previous backlogs, all handled by now.
            NatsBroker.purge(topic);
        }
        for (int published = 0; published < count; published += FEED_BATCH) {
            // New messages each time: NATS stores nothing for a uuid it stored in the last 2 minutes.
            publisher.publish(topic, MessageBatches.of(FEED_BATCH, 100));
        }
    }

    /**
     * Empties the topic's Redis stream, keeping its groups, once every backlog published was handled (a
     * stream keeps every entry, handled or not); the other brokers drop what was handled themselves.
     */
    void trimBacklog() {
        if (redisKeys != null) {
            redisKeys.trimStreams();
        }
    }

    /** @return the topic the listener consumes, named for this application alone */
    String topic() {
        return topic;
    }

    /** @return what hands the listener its messages */
    Demand demand() {
        return demand;
    }

    @Override
    public void close() {
        demand.releaseAll();
        try {
            context.close();
            if (Brokers.NATS.equals(broker)) {
                NatsBroker.deleteStreamsOf(topic);
            }
            if (Brokers.RABBITMQ.equals(broker)) {
                // The listener's dead-letter topic too (the starter's defaults name it): its backend
                // declared it, not the feeder's.
                KincirProperties.Listener defaults = new KincirProperties().getListener();
                String deadLetterTopic = topic + defaults.getDeadLetterSuffix();
                String deadLetters = deadLetterTopic + "." + defaults.getDeadLetterGroup();
                Brokers.deleteFromRabbit(List.of(topic + "." + KINCIR_GROUP, topic + "." + KINCIR_GROUP + ".rejected",
                        topic + ".spring", deadLetters, deadLetters + ".rejected"), List.of(deadLetterTopic));
            }
        } finally {
            try {
                if (feeder instanceof RabbitBackend rabbit) {
                    rabbit.deleteDeclared();
                }
                feeder.close();
            } finally {
                if (redisKeys != null) {
                    // Every key of both applications and the feeder: streams, groups, dead letters.
                    redisKeys.close();
                }
            }
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class KincirListenerApplication {

        private final Demand demand;

        KincirListenerApplication(Demand demand) {
            this.demand = demand;
        }

        @KincirListener(topics = "${bench.topic}", group = KINCIR_GROUP)
        void handle(byte[] payload) {
            demand.take(payload.length);
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class KafkaListenerApplication {

        private final Demand demand;

        KafkaListenerApplication(Demand demand) {
            this.demand = demand;
        }

        @KafkaListener(topics = "${bench.topic}", groupId = "bench-spring")
        void handle(byte[] payload) {
            demand.take(payload.length);
        }
    }

    /** Declares what Kincir's RabbitMQ backend would: a durable fanout exchange per topic, a durable queue bound to it. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class RabbitListenerApplication {

        private final Demand demand;

        RabbitListenerApplication(Demand demand) {
            this.demand = demand;
        }

        @Bean
        static Declarables benchTopology(@Value("${bench.topic}") String topic) {
            FanoutExchange exchange = new FanoutExchange(topic, true, false);
            Queue queue = new Queue(topic + ".spring", true, false, false);
            Binding binding = BindingBuilder.bind(queue).to(exchange);
            return new Declarables(exchange, queue, binding);
        }

        @RabbitListener(queues = "${bench.topic}.spring")
        void handle(byte[] payload) {
            demand.take(payload.length);
        }
    }

    /**
     * Spring Data Redis's stream listener as an application sets it up: the consumer group created as
     * Kincir creates it (after the stream's last entry, {@code MKSTREAM}), one subscription read by one
     * consumer with Kincir's count and block time, each message acknowledged ({@code XACK}) once handled,
     * through Spring Boot's {@code StringRedisTemplate}.
     */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class RedisStreamListenerApplication {

        private static final String GROUP = "bench-spring";

        /**
         * @return the running container, stopped (its poll thread waited for, as it finishes its read) in
         *     the first lifecycle phase of the context's close, before Spring Boot's connection factory,
         *     which that read runs on, stops
         */
        @Bean
        static SmartLifecycle benchStreamListener(RedisConnectionFactory connectionFactory, StringRedisTemplate redis,
                Demand demand, @Value("${bench.stream}") String stream) throws InterruptedException {
            try (RedisConnection connection = connectionFactory.getConnection()) {
                connection.streamCommands().xGroupCreate(stream.getBytes(StandardCharsets.UTF_8), GROUP,
                        ReadOffset.latest(), true);
            } catch (RedisSystemException | InvalidDataAccessApiUsageException e) {
                if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                    throw e;
                }
            }
            ExecutorService pollThread = Executors.newSingleThreadExecutor(task -> new Thread(task, "bench-stream-poll"));
            StreamMessageListenerContainerOptions<String, MapRecord<String, String, byte[]>> options =
                    StreamMessageListenerContainerOptions.builder().batchSize(Brokers.REDIS_READ_COUNT)
                            .pollTimeout(Brokers.REDIS_BLOCK_TIME).executor(pollThread)
                            .<String, byte[]>hashKeySerializer(RedisSerializer.string())
                            .<String, byte[]>hashValueSerializer(RedisSerializer.byteArray()).build();
            StreamMessageListenerContainer<String, MapRecord<String, String, byte[]>> container =
                    StreamMessageListenerContainer.create(connectionFactory, options);
            Subscription subscription = container.receive(Consumer.from(GROUP, "spring-1"),
                    StreamOffset.create(stream, ReadOffset.lastConsumed()), message -> {
                        if (demand.take(message.getValue().get("payload").length)) {
                            redis.opsForStream().acknowledge(GROUP, message);
                        }
                    });
            container.start();
            if (!subscription.await(Duration.ofSeconds(30))) {
                throw new IllegalStateException("The stream listener did not start reading " + stream + " in 30 s");
            }
            return new SmartLifecycle() {
                @Override
                public void start() {
                }

                @Override
                public void stop() {
                    container.stop();
                    pollThread.shutdown();
                    try {
                        pollThread.awaitTermination(Brokers.REDIS_BLOCK_TIME.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public boolean isRunning() {
                    return container.isRunning();
                }
            };
        }
    }
}
