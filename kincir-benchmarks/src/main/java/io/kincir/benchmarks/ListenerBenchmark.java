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
 * A {@code @KincirListener} method against the framework's own {@code @KafkaListener}
 * or {@code @RabbitListener} method, or Spring Data Redis's stream listener container, each in a Spring Boot application ({@link ListenerApplication}),
 * draining a backlog of {@value #BACKLOG} messages of 100 bytes published before each invocation (not
 * timed). Score: messages handled per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
// 2 s iterations: draining the backlog from RabbitMQ takes over half a second, so a 1 s iteration held
// one or two invocations and errors were ±50%. BenchmarkReport runs the class in both contender orders.
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", Brokers.EXIT_FORK_AT_ONCE})
public class ListenerBenchmark {

    static final int BACKLOG = 20_000;
    /**
     * Messages per invocation: {@link #BACKLOG}, which the score counts per invocation. The module's
     * tests, which check that the harness moves every message it claims, set fewer.
     */
    int backlog = BACKLOG;

    @Param({Brokers.KAFKA, Brokers.RABBITMQ, Brokers.NATS, Brokers.REDIS})
    String broker;

    @Param({Brokers.KINCIR, ListenerApplication.SPRING})
    String contender;

    ListenerApplication application;
    long handledBytes;

    @Setup(Level.Trial)
    public void start() throws Exception {
        application = new ListenerApplication(broker, contender);
    }

    /** JMH leaves this out of the time. */
    @Setup(Level.Invocation)
    public void publishBacklog() {
        application.publishBacklog(backlog);
    }

    /** Empties Redis's stream once every backlog of the iteration was handled: it keeps every entry otherwise. */
    @TearDown(Level.Iteration)
    public void purge() {
        application.trimBacklog();
    }

    @TearDown(Level.Trial)
    public void stop() {
        application.close();
    }

    /** @return the payload bytes the listener handled */
    @Benchmark
    @OperationsPerInvocation(BACKLOG)
    public long dispatch() {
        long bytes = application.demand().awaitTaken(backlog);
        handledBytes += bytes;
        return bytes;
    }
}
