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
 * Consuming: a backlog of {@value #BACKLOG} messages of 100 bytes, published while the
 * group has no member (not timed), is received one message at a time from a real Kafka, RabbitMQ, NATS
 * or Redis broker by a member that joined just before the invocation; through Kincir's subscriber and through
 * the raw client's consumer with the same settings ({@link Brokers}). Score: messages per second.
 *
 * <p>Publishing with no member joined keeps either consumer from fetching ahead of the timing: both
 * start the invocation with what they fetched between joining and the start, which is the same for
 * both and small.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
// 2 s iterations (five 1 s ones left errors of ±25-50% on RabbitMQ); BenchmarkReport runs the class
// twice, contenders in both orders, and pools the ten iterations of each.
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", Brokers.EXIT_FORK_AT_ONCE})
public class BrokerConsumeBenchmark {

    static final int BACKLOG = 20_000;
    /**
     * Messages per invocation: {@link #BACKLOG}, which the score counts per invocation. The module's
     * tests, which check that the harness moves every message it claims, set fewer.
     */
    int backlog = BACKLOG;
    private static final int FILL_BATCH = 1_000;

    @Param({Brokers.KAFKA, Brokers.RABBITMQ, Brokers.NATS, Brokers.REDIS})
    String broker;

    @Param({Brokers.KINCIR, Brokers.CLIENT})
    String contender;

    BrokerClient client;
    long receivedBytes;

    @Setup(Level.Trial)
    public void start() throws Exception {
        client = Brokers.client(broker, contender);
    }

    /**
     * Publishes the backlog through the same client with no member joined, then joins; JMH leaves this
     * out of the time. Every message is new: NATS stores nothing for a message whose deduplication id
     * (built from its uuid) it stored in the last 2 minutes.
     */
    @Setup(Level.Invocation)
    public void publishBacklog() throws Exception {
        client.leave();
        for (int published = 0; published < backlog; published += FILL_BATCH) {
            client.publish(MessageBatches.of(FILL_BATCH, 100));
        }
        client.join();
    }

    /**
     * NATS streams and Redis streams keep every message, received or not: empty them between
     * iterations, once every backlog was received, so that a run does not fill the server (a no-op for
     * the other brokers' emptied queues).
     */
    @TearDown(Level.Iteration)
    public void purge() throws Exception {
        client.purge();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
    }

    /** @return the payload bytes received */
    @Benchmark
    @OperationsPerInvocation(BACKLOG)
    public long consume() throws Exception {
        long bytes = client.receive(backlog);
        receivedBytes += bytes;
        return bytes;
    }
}
