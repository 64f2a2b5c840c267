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
 * One publisher thread hands messages to one receiver thread, through Kincir's
 * in-memory broker and through a plain {@link java.util.concurrent.ArrayBlockingQueue}, for 100-byte
 * and 1 KiB payloads published one at a time and in batches of 100. Score: messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InMemoryThroughputBenchmark {

    @Param({Contender.KINCIR, Contender.ARRAY_BLOCKING_QUEUE})
    String contender;

    @Param({"100", "1024"})
    int payloadBytes;

    @Param({"1", "100"})
    int batchSize;

    Pipeline pipeline;

    @Setup(Level.Trial)
    public void start() {
        pipeline = new Pipeline(Topology.ONE_TO_ONE, Contender.create(contender, Topology.ONE_TO_ONE, batchSize),
                payloadBytes, batchSize);
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
}
