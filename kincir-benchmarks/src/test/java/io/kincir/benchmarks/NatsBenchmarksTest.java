package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.conformance.ExternalServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The broker benchmarks on NATS (127.0.0.1:4222), through the same scenarios as
 * {@link BrokerBenchmarksTest}: each moves the messages its score claims, for Kincir and for the raw
 * client or loop; and, the server being shared, none leaves a stream of its own behind.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NatsBenchmarksTest {

    private final BrokerBenchmarksTest scenarios = new BrokerBenchmarksTest();

    @BeforeEach
    void requireNats() {
        ExternalServer.NATS.require();
    }

    @ParameterizedTest
    @CsvSource({"kincir, 1", "kincir, 100", "client, 1", "client, 100"})
    void publishHandsNatsEveryMessageItCounts(String contender, int batchSize) throws Exception {
        scenarios.publishHandsTheBrokerEveryMessageItCounts(Brokers.NATS, contender, batchSize);
        assertNoStreamLeft();
    }

    @ParameterizedTest
    @CsvSource({"kincir", "client"})
    void consumeReceivesEachBacklogWhole(String contender) throws Exception {
        scenarios.consumeReceivesEachBacklogWhole(Brokers.NATS, contender);
        assertNoStreamLeft();
    }

    @ParameterizedTest
    @CsvSource({"kincir", "spring"})
    void listenerHandlesEachBacklogWholeAndNoMore(String contender) throws Exception {
        scenarios.listenerHandlesEachBacklogWholeAndNoMore(Brokers.NATS, contender);
        assertNoStreamLeft();
    }

    /** Every stream the benchmarks of this JVM create is named {@code kincir-bench-…-<pid>-<n>…}. */
    private static void assertNoStreamLeft() {
        String prefix = NatsBroker.stream(Brokers.NAME_PREFIX);
        String jvm = "-" + ProcessHandle.current().pid() + "-";
        NatsBroker.onManagement(management -> assertThat(management.getStreamNames())
                .filteredOn(name -> name.startsWith(prefix) && name.contains(jvm)).isEmpty());
    }
}
