package io.kincir.benchmarks;

import io.kincir.AckSubscriber;
import io.kincir.Backend;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.spring.KincirListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The listener container's own cost on the in-memory broker: a {@code @KincirListener} method against
 * a plain receive loop on the same broker, each in a Spring Boot application with Kincir's starter
 * ({@code kincir.backend: in-memory}, the broker's defaults). The loop is what the container does for
 * each message without the container: one thread with an {@link AckSubscriber} in a group, receive,
 * hand the payload to the handler, acknowledge. An invocation publishes {@value #MESSAGES} messages of
 * 100 bytes in batches of 100 (what both contenders pay alike) and returns once the handler counted
 * every one. Score: messages handled per second; run with {@code -prof gc} for allocation per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InMemoryListenerBenchmark {

    /** The {@code contender} value of the plain receive loop, the baseline. */
    static final String RECEIVE_LOOP = "receiveLoop";

    static final int MESSAGES = 10_000;

    private static final String TOPIC = "bench-listener";
    private static final String GROUP = "bench";
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Param({Brokers.KINCIR, RECEIVE_LOOP})
    String contender;

    ConfigurableApplicationContext context;
    Publisher publisher;
    List<List<Message>> batches;
    final Handled handled = new Handled();

    @Setup(Level.Trial)
    public void start() {
        Class<?> application = Brokers.KINCIR.equals(contender) ? ListenerMethod.class : ReceiveLoop.class;
        context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                .properties(Map.of("kincir.backend", "in-memory", "spring.main.banner-mode", "off",
                        "logging.level.root", "WARN"))
                .initializers(started -> started.getBeanFactory().registerSingleton("handled", handled)).run();
        publisher = context.getBean(Backend.class).publisher();
        batches = List.of(MessageBatches.of(100, 100), MessageBatches.of(100, 100));
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    /** @return the payload bytes handled */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long handle() {
        long target = handled.expect(MESSAGES);
        for (int i = 0; i < MESSAGES / 100; i++) {
            publisher.publish(TOPIC, batches.get(i & 1));
        }
        return handled.await(target);
    }

    /** Counts what the handler got and wakes the benchmark thread once it got what it waits for. */
    static final class Handled {

        private final AtomicLong count = new AtomicLong();
        private volatile long target = Long.MAX_VALUE;
        private volatile Thread waiter;
        private long bytes;

        void handle(byte[] payload) {
            bytes += payload.length;
            if (count.incrementAndGet() == target) {
                LockSupport.unpark(waiter);
            }
        }

        long expect(int messages) {
            waiter = Thread.currentThread();
            long next = count.get() + messages;
            target = next;
            return next;
        }

        long await(long until) {
            long deadline = System.nanoTime() + TIMEOUT_NANOS;
            while (count.get() < until) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("The handler got " + count.get() + " of " + until + " messages in 60 s");
                }
                LockSupport.parkNanos(this, left);
            }
            return bytes;
        }
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ListenerMethod {

        private final Handled handled;

        ListenerMethod(Handled handled) {
            this.handled = handled;
        }

        @KincirListener(topics = TOPIC, group = GROUP)
        void handle(byte[] payload) {
            handled.handle(payload);
        }
    }

    /** What the listener container does for each message, written by hand: receive, handle, acknowledge. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ReceiveLoop {

        @Bean(destroyMethod = "interrupt")
        static Thread benchReceiveLoop(Backend backend, Handled handled) {
            AckSubscriber subscriber = backend.ackSubscriber(GROUP);
            subscriber.subscribe(TOPIC);
            Thread thread = new Thread(() -> {
                try (subscriber) {
                    while (true) {
                        Delivery delivery = subscriber.receive();
                        handled.handle(delivery.message().payload());
                        delivery.ack();
                    }
                } catch (InterruptedException | BrokerShutdownException e) {
                    // Stopping: the context closes.
                }
            }, "bench-receive-loop");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }
    }
}
