package io.kincir.benchmarks;

import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
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
 * The per-message cost without a thread hand-off: one thread publishes 100 messages of 100 bytes,
 * one at a time or as one batch, then receives them. No scheduling, no parking, so its figures (and {@code -prof gc}'s
 * allocation per message) are the steadiest signal for tuning on a busy machine. Score: messages per
 * second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SameThreadBenchmark {

    static final int BATCH = 100;

    @Param({Contender.KINCIR, Contender.ARRAY_BLOCKING_QUEUE})
    String contender;

    /** 1 or {@link #BATCH}; the queue has no batches, so it does the same either way. */
    @Param({"1", "100"})
    int batchSize;

    InMemoryBroker broker;
    Subscriber subscriber;
    ArrayBlockingQueue<Message> queue;
    List<Message> batch;

    @Setup(Level.Trial)
    public void start() {
        broker = new InMemoryBroker(InMemoryConfig.highPerformance());
        subscriber = broker.subscriber();
        subscriber.subscribe("bench");
        queue = new ArrayBlockingQueue<>(BATCH);
        batch = MessageBatches.of(BATCH, 100);
    }

    @TearDown(Level.Trial)
    public void stop() {
        subscriber.close();
        broker.close();
    }

    /** @return the payload bytes received, so the JIT cannot drop the work */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publishThenReceive() throws InterruptedException {
        long bytes = 0;
        if (contender.equals(Contender.KINCIR)) {
            if (batchSize == 1) {
                for (int i = 0; i < BATCH; i++) {
                    broker.publisher().publish("bench", batch.get(i));
                }
            } else {
                broker.publisher().publish("bench", batch);
            }
            for (int i = 0; i < BATCH; i++) {
                bytes += subscriber.receive().payload().length;
            }
        } else {
            for (int i = 0; i < BATCH; i++) {
                queue.put(batch.get(i));
            }
            for (int i = 0; i < BATCH; i++) {
                bytes += queue.take().payload().length;
            }
        }
        return bytes;
    }
}
