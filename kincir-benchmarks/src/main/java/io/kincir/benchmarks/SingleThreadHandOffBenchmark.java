package io.kincir.benchmarks;

import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import io.kincir.memory.InMemoryConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Publish a batch of 100 messages, then receive them, on one thread: the broker's own cost without
 * thread hand-off, against an {@link ArrayBlockingQueue} doing the same. Scores are messages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SingleThreadHandOffBenchmark {

    static final int BATCH = 100;

    @Param({"100"})
    int payloadBytes;

    InMemoryBroker broker;
    Subscriber subscriber;
    List<Message> batch;
    ArrayBlockingQueue<Message> queue;

    @Setup(Level.Trial)
    public void setUp() {
        broker = new InMemoryBroker(InMemoryConfig.highPerformance());
        subscriber = broker.subscriber();
        subscriber.subscribe("bench");
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(Message.of(new byte[payloadBytes]));
        }
        queue = new ArrayBlockingQueue<>(BATCH);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        subscriber.close();
        broker.close();
    }

    /** @return the last message received, so the JIT cannot drop the work */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Message kincirInMemory() throws InterruptedException {
        broker.publisher().publish("bench", batch);
        Message last = null;
        for (int i = 0; i < BATCH; i++) {
            last = subscriber.receive();
        }
        return last;
    }

    /** @return the last message taken */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Message arrayBlockingQueue() throws InterruptedException {
        for (Message message : batch) {
            queue.put(message);
        }
        Message last = null;
        for (int i = 0; i < BATCH; i++) {
            last = queue.take();
        }
        return last;
    }
}
