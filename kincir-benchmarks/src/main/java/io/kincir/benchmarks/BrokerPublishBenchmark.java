package io.kincir.benchmarks;

import io.kincir.Message;
import java.util.ArrayList;
import java.util.List;
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
 * Publishing: {@value #MESSAGES} messages of 100 bytes to a real Kafka, RabbitMQ, NATS or Redis
 * broker, as one batch or one at a time, each publish waiting for the broker's acknowledgement;
 * through Kincir's publisher and through the raw client with the same settings ({@link Brokers}).
 * Score: messages per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
// 2 s iterations (five 1 s ones left errors of ±25-50% on RabbitMQ); BenchmarkReport runs the class
// twice, contenders in both orders, and pools the ten iterations of each.
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", Brokers.EXIT_FORK_AT_ONCE})
public class BrokerPublishBenchmark {

    static final int MESSAGES = 100;

    @Param({Brokers.KAFKA, Brokers.RABBITMQ, Brokers.NATS, Brokers.REDIS})
    String broker;

    @Param({Brokers.KINCIR, Brokers.CLIENT})
    String contender;

    @Param({"1", "100"})
    int batchSize;

    BrokerClient client;
    List<List<Message>> batches;

    @Setup(Level.Trial)
    public void start() throws Exception {
        client = Brokers.client(broker, contender);
        renewMessages();
    }

    /**
     * New uuids for the next invocation, made outside the timing: NATS stores nothing for a message whose
     * deduplication id (built from its uuid) it stored in the last 2 minutes.
     */
    @TearDown(Level.Invocation)
    public void renewMessages() {
        batches = new ArrayList<>();
        for (int b = 0; b < MESSAGES / batchSize; b++) {
            batches.add(MessageBatches.of(batchSize, 100));
        }
    }

    /** RabbitMQ's queue and the NATS and Redis streams keep every message: empty them between iterations. */
    @TearDown(Level.Iteration)
    public void purge() throws Exception {
        client.purge();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        client.close();
    }

    /** @return how many messages the broker acknowledged */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public int publish() throws Exception {
        for (List<Message> batch : batches) {
            client.publish(batch);
        }
        return MESSAGES;
    }
}
