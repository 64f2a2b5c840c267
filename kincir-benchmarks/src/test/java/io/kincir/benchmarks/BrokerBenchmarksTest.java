package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.kincir.conformance.ExternalServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each broker benchmark, driven by hand through its setup, invocations and teardown against the real
 * broker, moves the messages its score claims, for Kincir and for the raw client. Timing is JMH's
 * business, never asserted here.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BrokerBenchmarksTest {

    /**
     * Messages per invocation of the backlog benchmarks here: two publish batches, enough to cross a
     * batch and a fetch, a tenth of what a measured run drains.
     */
    private static final int BACKLOG = 2_000;

    @ParameterizedTest
    @CsvSource({"kafka, kincir, 1", "kafka, client, 100", "rabbitmq, kincir, 100", "rabbitmq, client, 1",
            "redis, kincir, 1", "redis, kincir, 100", "redis, client, 1", "redis, client, 100"})
    void publishHandsTheBrokerEveryMessageItCounts(String broker, String contender, int batchSize) throws Exception {
        requireServer(broker);
        BrokerPublishBenchmark benchmark = new BrokerPublishBenchmark();
        benchmark.broker = broker;
        benchmark.contender = contender;
        benchmark.batchSize = batchSize;
        benchmark.start();
        try {
            assertThat(benchmark.publish()).isEqualTo(BrokerPublishBenchmark.MESSAGES);
            assertThat(benchmark.client.receive(BrokerPublishBenchmark.MESSAGES))
                    .isEqualTo(BrokerPublishBenchmark.MESSAGES * 100L);
        } finally {
            benchmark.stop();
        }
        assertNoRedisKeyLeft(broker);
    }

    @ParameterizedTest
    @CsvSource({"kafka, kincir", "kafka, client", "rabbitmq, kincir", "rabbitmq, client", "redis, kincir",
            "redis, client"})
    void consumeReceivesEachBacklogWhole(String broker, String contender) throws Exception {
        requireServer(broker);
        BrokerConsumeBenchmark benchmark = new BrokerConsumeBenchmark();
        benchmark.broker = broker;
        benchmark.contender = contender;
        benchmark.backlog = BACKLOG;
        benchmark.start();
        try {
            for (int invocation = 0; invocation < 2; invocation++) {
                benchmark.publishBacklog();
                assertThat(benchmark.consume()).isEqualTo(BACKLOG * 100L);
                benchmark.purge();
            }
        } finally {
            benchmark.stop();
        }
        assertNoRedisKeyLeft(broker);
    }

    @ParameterizedTest
    @CsvSource({"kafka, kincir", "kafka, spring", "rabbitmq, kincir", "rabbitmq, spring", "redis, kincir",
            "redis, spring"})
    void listenerHandlesEachBacklogWholeAndNoMore(String broker, String contender) throws Exception {
        requireServer(broker);
        ListenerBenchmark benchmark = new ListenerBenchmark();
        benchmark.broker = broker;
        benchmark.contender = contender;
        benchmark.backlog = BACKLOG;
        benchmark.start();
        try {
            for (int invocation = 1; invocation <= 2; invocation++) {
                benchmark.publishBacklog();
                assertThat(benchmark.dispatch()).isEqualTo(BACKLOG * 100L);
                // The listener waits for the next invocation's demand instead of running ahead.
                assertThat(benchmark.application.demand().taken()).isEqualTo((long) invocation * BACKLOG);
                benchmark.purge();
            }
        } finally {
            benchmark.stop();
        }
        assertNoRedisKeyLeft(broker);
    }

    @ParameterizedTest
    @CsvSource({"kincir", "spring"})
    void rabbitListenerBenchmarkLeavesNoQueueOrExchangeBehind(String contender) throws Exception {
        ExternalServer.RABBITMQ.require();
        ListenerBenchmark benchmark = new ListenerBenchmark();
        benchmark.broker = Brokers.RABBITMQ;
        benchmark.contender = contender;
        benchmark.backlog = BACKLOG;
        benchmark.start();
        String topic = benchmark.application.topic();
        try {
            benchmark.publishBacklog();
            benchmark.dispatch();
        } finally {
            benchmark.stop();
        }

        String deadLetters = topic + ".dlq.kincir-dead-letters";
        List<String> queues = List.of(topic + ".bench", topic + ".bench.rejected", topic + ".spring", deadLetters,
                deadLetters + ".rejected");
        List<String> exchanges = List.of(topic, topic + ".dlq");
        try (Connection connection = Brokers.rabbitConnectionFactory().newConnection("kincir-bench-test")) {
            assertThat(queues).filteredOn(queue -> exists(connection, channel -> channel.queueDeclarePassive(queue)))
                    .isEmpty();
            assertThat(exchanges).filteredOn(exchange -> exists(connection,
                    channel -> channel.exchangeDeclarePassive(exchange))).isEmpty();
        }
    }

    private interface PassiveDeclaration {
        void declare(Channel channel) throws IOException;
    }

    /** A passive declaration of something missing closes its channel, so each check gets a channel of its own. */
    private static boolean exists(Connection connection, PassiveDeclaration declaration) {
        try {
            Channel channel = connection.createChannel();
            declaration.declare(channel);
            channel.close();
            return true;
        } catch (IOException | TimeoutException e) {
            return false;
        }
    }

    /**
     * Every Redis key a benchmark makes starts with {@code bench-redis-<this JVM's pid>-}; once it
     * stopped, none is left on the shared server.
     */
    private static void assertNoRedisKeyLeft(String broker) {
        if (!Brokers.REDIS.equals(broker)) {
            return;
        }
        try (RedisKeySpace keys = new RedisKeySpace(Brokers.NAME_PREFIX + "redis-" + ProcessHandle.current().pid() + "-")) {
            assertThat(keys.keys()).isEmpty();
        }
    }

    private static void requireServer(String broker) {
        if (Brokers.RABBITMQ.equals(broker)) {
            ExternalServer.RABBITMQ.require();
        } else if (Brokers.REDIS.equals(broker)) {
            ExternalServer.REDIS.require();
        }
    }
}
