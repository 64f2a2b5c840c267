package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each JMH benchmark, driven by hand through its setup, one invocation and its teardown, moves the
 * messages its score claims. Timing is JMH's business, never asserted here.
 */
class BenchmarksTest {

    @ParameterizedTest
    @ValueSource(strings = {Contender.KINCIR, Contender.ARRAY_BLOCKING_QUEUE})
    void throughputMovesARoundOfMessagesWithTheirPayloads(String contender) throws Exception {
        InMemoryThroughputBenchmark benchmark = new InMemoryThroughputBenchmark();
        benchmark.contender = contender;
        benchmark.payloadBytes = 1024;
        benchmark.batchSize = 100;
        benchmark.start();
        assertThat(benchmark.oneToOne()).isEqualTo(Pipeline.MESSAGES);
        benchmark.stop();

        assertThat(benchmark.pipeline.receivedBytes()).isEqualTo(Pipeline.MESSAGES * 1024L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ONE_TO_THREE_GROUPS", "FOUR_TO_GROUP_OF_TWO"})
    void fanOutDeliversEveryMessageToEveryGroup(String topology) throws Exception {
        InMemoryFanOutBenchmark benchmark = new InMemoryFanOutBenchmark();
        benchmark.contender = Contender.KINCIR;
        benchmark.topology = topology;
        benchmark.batchSize = 1;
        benchmark.start();
        assertThat(benchmark.fanOut()).isEqualTo(Pipeline.MESSAGES);
        benchmark.stop();

        assertThat(benchmark.pipeline.receivedBytes()).isEqualTo(Pipeline.MESSAGES * 100L * Topology.valueOf(topology).groups);
    }

    @ParameterizedTest
    @ValueSource(strings = {InMemoryFeatureCostBenchmark.NONE, "maintainOrder", "ttl", "stats"})
    void eachFeatureVariantMovesARoundWithTheFeatureOn(String feature) throws Exception {
        InMemoryFeatureCostBenchmark benchmark = new InMemoryFeatureCostBenchmark();
        benchmark.feature = feature;
        benchmark.batchSize = 100;
        benchmark.start();
        assertThat(benchmark.oneToOne()).isEqualTo(Pipeline.MESSAGES);
        benchmark.stop();

        assertThat(benchmark.pipeline.receivedBytes()).isEqualTo(Pipeline.MESSAGES * 100L);
    }

    @Test
    void featureVariantsTurnOnExactlyTheirFeature() {
        assertThat(InMemoryFeatureCostBenchmark.config("none").maintainOrder()).isFalse();
        assertThat(InMemoryFeatureCostBenchmark.config("maintainOrder").maintainOrder()).isTrue();
        assertThat(InMemoryFeatureCostBenchmark.config("ttl").messageTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(InMemoryFeatureCostBenchmark.config("stats").stats()).isTrue();
        assertThat(InMemoryFeatureCostBenchmark.config("stats").messageTtl()).isNull();
        assertThatThrownBy(() -> InMemoryFeatureCostBenchmark.config("tls")).hasMessageContaining("tls");
    }

    @ParameterizedTest
    @CsvSource({"kincir, 1", "kincir, 100", "arrayBlockingQueue, 1"})
    void sameThreadMovesAWholeBatch(String contender, int batchSize) throws InterruptedException {
        SameThreadBenchmark benchmark = new SameThreadBenchmark();
        benchmark.contender = contender;
        benchmark.batchSize = batchSize;
        benchmark.start();
        try {
            assertThat(benchmark.publishThenReceive()).isEqualTo(SameThreadBenchmark.BATCH * 100L);
            assertThat(benchmark.broker.healthCheck().queuedMessages()).isZero();
            assertThat(benchmark.queue).isEmpty();
        } finally {
            benchmark.stop();
        }
    }

    @ParameterizedTest
    @FieldSource("io.kincir.benchmarks.Contender#ALL")
    void fixedRateLatencyRecordsEveryMessageAfterTheWarmup(String contender) throws InterruptedException {
        FixedRateLatency.Result result = FixedRateLatency.run(contender, 10_000, Duration.ofMillis(100), Duration.ofMillis(300));

        assertThat(result.recorded()).isEqualTo(3_000);
        assertThat(result.p50()).isLessThanOrEqualTo(result.p99());
        assertThat(result.p99()).isLessThanOrEqualTo(result.p999());
        assertThat(result.p999()).isLessThanOrEqualTo(result.max());
    }

    @Test
    void fixedRateLatencyMeasuresEveryContenderInOrderAfterAnUnrecordedRound() throws InterruptedException {
        List<FixedRateLatency.Result> results = FixedRateLatency.runAll(10_000, Duration.ofMillis(100), Duration.ofMillis(200));

        assertThat(results).extracting(FixedRateLatency.Result::contender).containsExactlyElementsOf(Contender.ALL);
        assertThat(results).extracting(FixedRateLatency.Result::recorded).as("two runs of 200 ms each").containsOnly(4_000L);
    }

    @Test
    void fixedRateLatencyRoundsRecordEveryRoundOfEveryContender() throws InterruptedException {
        List<String> contenders = List.of(Contender.KINCIR, Contender.ARRAY_BLOCKING_QUEUE);
        List<FixedRateLatency.Result> results = FixedRateLatency.runRounds(10_000, contenders, 3, Duration.ofMillis(100),
                Duration.ofMillis(200));

        assertThat(results).extracting(FixedRateLatency.Result::contender).containsExactlyElementsOf(contenders);
        assertThat(results).extracting(FixedRateLatency.Result::recorded).as("three rounds of 200 ms each").containsOnly(6_000L);
        assertThat(results).allSatisfy(result -> assertThat(result.p50()).isLessThanOrEqualTo(result.max()));
    }

    @ParameterizedTest
    @ValueSource(strings = {Brokers.KINCIR, InMemoryListenerBenchmark.RECEIVE_LOOP})
    void inMemoryListenerHandlesEveryMessagePublished(String contender) {
        InMemoryListenerBenchmark benchmark = new InMemoryListenerBenchmark();
        benchmark.contender = contender;
        benchmark.start();
        try {
            assertThat(benchmark.handle()).isEqualTo(InMemoryListenerBenchmark.MESSAGES * 100L);
            assertThat(benchmark.handle()).isEqualTo(2 * InMemoryListenerBenchmark.MESSAGES * 100L);
        } finally {
            benchmark.stop();
        }
    }

    @Test
    void platformHiccupsAccountForEveryGapTheyCount() throws InterruptedException {
        PlatformHiccups.Result result = PlatformHiccups.measure(Duration.ofMillis(200));

        assertThat(result.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        // Each counted gap is longer than the threshold, so together they are at least that long, and
        // no single one is longer than the longest.
        assertThat(result.lost().toNanos()).isGreaterThanOrEqualTo(result.hiccups() * PlatformHiccups.HICCUP_MICROS * 1000);
        assertThat(result.lost().toNanos()).isLessThanOrEqualTo(result.hiccups() * result.longest().toNanos());
        assertThat(result.lostPercent()).isBetween(0.0, 100.0);
    }
}
