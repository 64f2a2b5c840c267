package io.kincir.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark moves what it claims to move; its speed is measured by JMH, never asserted here. */
class SingleThreadHandOffBenchmarkTest {

    @Test
    void eachInvocationMovesAWholeBatchThroughBothContenders() throws InterruptedException {
        SingleThreadHandOffBenchmark benchmark = new SingleThreadHandOffBenchmark();
        benchmark.payloadBytes = 100;
        benchmark.setUp();
        try {
            assertThat(benchmark.kincirInMemory().payload()).hasSize(100);
            assertThat(benchmark.arrayBlockingQueue().payload()).hasSize(100);
            assertThat(benchmark.broker.healthCheck().queuedMessages()).isZero();
            assertThat(benchmark.queue).isEmpty();
        } finally {
            benchmark.tearDown();
        }
    }
}
