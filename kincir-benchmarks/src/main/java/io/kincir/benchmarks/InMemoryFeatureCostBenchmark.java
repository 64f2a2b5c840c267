package io.kincir.benchmarks;

import io.kincir.memory.InMemoryConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each optional feature of the in-memory broker costs. The 1→1 hand-off of
 * {@link InMemoryThroughputBenchmark} (100-byte payloads, batches of 100) on
 * {@link InMemoryConfig#highPerformance()} with nothing more ({@code none}, the baseline), then
 * with one feature on: {@code maintainOrder} (a {@code _sequence} per message, publishes to a topic
 * serialized), {@code ttl} (a one-minute message TTL: a deadline per message, checked on delivery)
 * and {@code stats} (published and consumed counted). Score: messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InMemoryFeatureCostBenchmark {

    /** The baseline value of {@link #feature}. */
    static final String NONE = "none";

    @Param({NONE, "maintainOrder", "ttl", "stats"})
    String feature;

    @Param({"100"})
    int batchSize;

    Pipeline pipeline;

    @Setup(Level.Trial)
    public void start() {
        pipeline = new Pipeline(Topology.ONE_TO_ONE, new KincirTransport(Topology.ONE_TO_ONE, config(feature)), 100,
                batchSize);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pipeline.close();
    }

    /** @return the messages moved, one round */
    @Benchmark
    @OperationsPerInvocation(Pipeline.MESSAGES)
    public long oneToOne() throws InterruptedException {
        return pipeline.runRound();
    }

    static InMemoryConfig config(String feature) {
        InMemoryConfig plain = InMemoryConfig.highPerformance();
        return switch (feature) {
            case NONE -> plain;
            case "maintainOrder" -> plain.withMaintainOrder(true);
            case "ttl" -> plain.withMessageTtl(Duration.ofMinutes(1));
            case "stats" -> plain.withStats(true);
            default -> throw new IllegalArgumentException("Unknown feature '" + feature + "'");
        };
    }
}
