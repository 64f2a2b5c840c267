package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.listener.ListenerContainer;
import io.kincir.listener.RetryPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener consumes while a publisher publishes, and the server is killed and started again in the
 * middle: the listener carries on by itself, and every message whose publish returned is handled
 * (duplicates are allowed, and reported; a loss fails). Runs a server of its own, so the shared one
 * is not disturbed.
 */
class NatsRestartTest {

    private static final String TOPIC = "restart-orders";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path store;

    private NatsServerProcess server;
    private NatsBackend backend;
    private ListenerContainer listener;
    private Thread publishing;
    private final AtomicBoolean publish = new AtomicBoolean(true);

    @AfterEach
    void tearDown() throws InterruptedException {
        publish.set(false);
        if (publishing != null) {
            publishing.join(WAIT.toMillis());
        }
        if (listener != null) {
            listener.stop();
        }
        if (backend != null) {
            backend.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theListenerCarriesOnAfterARestartAndEveryMessageWhosePublishReturnedIsHandled() {
        server = NatsServerProcess.start(store);
        // A short ack wait brings back what was handed out and not acknowledged when the server died.
        backend = NatsBackend.builder().servers(server.url())
                .settings(NatsSettings.defaults().withAckWait(Duration.ofSeconds(5))
                        .withPublishTimeout(Duration.ofSeconds(2)))
                .build();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        listener = ListenerContainer.builder(backend).id("restart").topics(TOPIC).group("restart-workers")
                .concurrency(2)
                .handler(message -> {
                    if (!handled.add(message.uuid())) {
                        duplicates.incrementAndGet();
                    }
                })
                .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(100)))
                .pollTimeout(Duration.ofMillis(200))
                .recoveryInterval(Duration.ofMillis(500))
                .build();
        listener.start();
        Set<String> published = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        publishing = new Thread(() -> {
            while (publish.get()) {
                Message message = Message.of("order-" + published.size());
                try {
                    backend.publisher().publish(TOPIC, message);
                    published.add(message.uuid());
                } catch (KincirException e) {
                    failed.incrementAndGet();
                }
                // A steady stream rather than a flood, so that the outage falls in the middle of it.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }, "restart-test-publisher");
        publishing.start();
        await("messages flowing before the restart").atMost(WAIT).until(() -> handled.size() >= 200);

        server.kill();
        await("a publish failing while the server is down").atMost(WAIT).until(() -> failed.get() > 0);
        int publishedDuringOutage = published.size();
        server.start();

        await("publishes succeeding after the restart").atMost(WAIT)
                .until(() -> published.size() >= publishedDuringOutage + 200);
        publish.set(false);
        await("every message whose publish returned handled").atMost(WAIT)
                .untilAsserted(() -> assertThat(handled).containsAll(published));

        System.out.printf("Restart test: %d publishes returned, %d failed during the outage, %d messages handled,"
                + " %d duplicate deliveries%n", published.size(), failed.get(), handled.size(), duplicates.get());
        assertThat(listener.isRunning()).isTrue();
        assertThat(listener.state().consumers()).isEqualTo(2);
    }
}
