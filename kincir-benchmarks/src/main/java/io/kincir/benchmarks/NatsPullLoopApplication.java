package io.kincir.benchmarks;

import io.nats.client.Connection;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The baseline of {@link ListenerBenchmark} on NATS. Spring has no listener framework for NATS (no
 * {@code @NatsListener} in Spring Boot or a Spring project), so this is what an application writes
 * instead: a bean whose thread loops over the raw jnats pull consumer — the group's durable consumer
 * created as Kincir creates it, pulls of Kincir's size ({@link NatsBroker}) — hands each message's
 * payload to the handler and then acknowledges it, as {@code @KincirListener} does.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class NatsPullLoopApplication {

    static final String GROUP = "bench-loop";

    @Bean(destroyMethod = "close")
    static PullLoop benchPullLoop(Demand demand, @Value("${bench.topic}") String topic) throws Exception {
        return new PullLoop(topic, demand);
    }

    /** One thread, one connection, one member of the group; started when built, stopped by {@link #close()}. */
    static final class PullLoop implements AutoCloseable {

        private static final System.Logger LOG = System.getLogger(PullLoop.class.getName());
        private static final long POLL_MILLIS = 100;

        private final Demand demand;
        private final Connection connection;
        private final IterableConsumer consumer;
        private final Thread thread;
        private volatile boolean running = true;

        PullLoop(String topic, Demand demand) throws Exception {
            this.demand = demand;
            this.connection = NatsBroker.connect("kincir-bench-pull-loop");
            try {
                NatsBroker.createStream(connection.jetStreamManagement(), topic);
                consumer = connection.getStreamContext(NatsBroker.stream(topic))
                        .createOrUpdateConsumer(NatsBroker.consumer(GROUP)).iterate(NatsBroker.consumeOptions());
            } catch (Exception e) {
                connection.close();
                throw e;
            }
            thread = new Thread(this::run, "nats-pull-loop");
            thread.start();
        }

        private void run() {
            try {
                while (running) {
                    Message message = consumer.nextMessage(POLL_MILLIS);
                    if (message == null) {
                        continue;
                    }
                    if (demand.take(message.getData().length)) {
                        message.ack();
                    } else {
                        message.nak();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (JetStreamStatusCheckedException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.ERROR, "The NATS pull loop stopped", e);
                }
            }
        }

        /** Stops the loop (a {@link Demand} released first lets it return), gives back what it pulled and did not handle. */
        @Override
        public void close() throws Exception {
            running = false;
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
                consumer.stop();
                Message unread;
                while ((unread = consumer.nextMessage(1)) != null) {
                    unread.nak();
                }
                consumer.close();
            } finally {
                connection.close();
            }
        }
    }
}
