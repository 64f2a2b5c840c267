package io.kincir.benchmarks;

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
 * One publisher to three groups (every message delivered three times), and four
 * publishers to one group of two competing members; 100-byte payloads, one at a time and in
 * batches of 100. The baseline puts each message into one {@link java.util.concurrent.ArrayBlockingQueue}
 * per group. Score: messages published per second (for three groups, deliveries are three times that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InMemoryFanOutBenchmark {

    @Param({Contender.KINCIR, Contender.ARRAY_BLOCKING_QUEUE})
    String contender;

    @Param({"ONE_TO_THREE_GROUPS", "FOUR_TO_GROUP_OF_TWO"})
    String topology;

    @Param({"1", "100"})
    int batchSize;

    Pipeline pipeline;

    @Setup(Level.Trial)
    public void start() {
        Topology shape = Topology.valueOf(topology);
        pipeline = new Pipeline(shape, Contender.create(contender, shape, batchSize), 100, batchSize);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        pipeline.close();
    }

    /** @return the messages published, one round */
    @Benchmark
    @OperationsPerInvocation(Pipeline.MESSAGES)
    public long fanOut() throws InterruptedException {
        return pipeline.runRound();
    }
}
