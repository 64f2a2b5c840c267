package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.conformance.ExternalServer;
import java.util.concurrent.TimeUnit;
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

    @ParameterizedTest
    @CsvSource({"kafka, kincir, 1", "kafka, client, 100", "rabbitmq, kincir, 100", "rabbitmq, client, 1"})
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
    }

    @ParameterizedTest
    @CsvSource({"kafka, kincir", "kafka, client", "rabbitmq, kincir", "rabbitmq, client"})
    void consumeReceivesEachBacklogWhole(String broker, String contender) throws Exception {
        requireServer(broker);
        BrokerConsumeBenchmark benchmark = new BrokerConsumeBenchmark();
        benchmark.broker = broker;
        benchmark.contender = contender;
        benchmark.start();
        try {
            for (int invocation = 0; invocation < 2; invocation++) {
                benchmark.publishBacklog();
                assertThat(benchmark.consume()).isEqualTo(BrokerConsumeBenchmark.BACKLOG * 100L);
            }
        } finally {
            benchmark.stop();
        }
    }

    @ParameterizedTest
    @CsvSource({"kafka, kincir", "kafka, spring", "rabbitmq, kincir", "rabbitmq, spring"})
    void listenerHandlesEachBacklogWholeAndNoMore(String broker, String contender) throws Exception {
        requireServer(broker);
        ListenerBenchmark benchmark = new ListenerBenchmark();
        benchmark.broker = broker;
        benchmark.contender = contender;
        benchmark.start();
        try {
            for (int invocation = 1; invocation <= 2; invocation++) {
                benchmark.publishBacklog();
                assertThat(benchmark.dispatch()).isEqualTo(ListenerBenchmark.BACKLOG * 100L);
                // The listener waits for the next invocation's demand instead of running ahead.
                assertThat(benchmark.application.demand().taken()).isEqualTo((long) invocation * ListenerBenchmark.BACKLOG);
            }
        } finally {
            benchmark.stop();
        }
    }

    private static void requireServer(String broker) {
        if (Brokers.RABBITMQ.equals(broker)) {
            ExternalServer.RABBITMQ.require();
        }
    }
}
