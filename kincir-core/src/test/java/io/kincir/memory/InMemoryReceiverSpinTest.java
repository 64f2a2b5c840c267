package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** {@link InMemoryConfig#withReceiverSpin}: how long an idle receiver polls before it parks. */
class InMemoryReceiverSpinTest {

    private static final Duration SPIN = Duration.ofSeconds(1);

    @Test
    void aReceiverWithoutSpinParksAtOnceAndWakesForTheNextMessage() throws Exception {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withReceiverSpin(Duration.ZERO))) {
            Subscriber subscriber = subscriber(broker);
            AtomicLong started = new AtomicLong();
            Thread[] receiving = new Thread[1];
            CompletableFuture<Message> received = receiveOnNewThread(subscriber, started, receiving);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> LockSupport.getBlocker(receiving[0]) instanceof Member);
            broker.publisher().publish("t", Message.of("next"));

            assertThat(received.get(10, TimeUnit.SECONDS).payloadAsString()).isEqualTo("next");
        }
    }

    @Test
    void aSpinningReceiverDoesNotParkBeforeItsSpinIsOver() throws Exception {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withReceiverSpin(SPIN))) {
            Subscriber subscriber = subscriber(broker);
            AtomicLong started = new AtomicLong();
            Thread[] receiving = new Thread[1];
            CompletableFuture<Message> received = receiveOnNewThread(subscriber, started, receiving);
            await().atMost(Duration.ofSeconds(10)).until(() -> started.get() != 0);

            // The state is read before the clock: a parked state seen with the clock short of the spin
            // means the receiver parked before its spin was over.
            long sampledUntil = started.get();
            while (sampledUntil - started.get() < SPIN.toNanos() / 2) {
                boolean parked = LockSupport.getBlocker(receiving[0]) instanceof Member;
                sampledUntil = System.nanoTime();
                assertThat(parked && sampledUntil - started.get() < SPIN.toNanos())
                        .as("parked %d µs into a %s spin", (sampledUntil - started.get()) / 1000, SPIN).isFalse();
            }
            broker.publisher().publish("t", Message.of("next"));

            assertThat(received.get(10, TimeUnit.SECONDS).payloadAsString()).isEqualTo("next");
        }
    }

    private static Subscriber subscriber(InMemoryBroker broker) {
        Subscriber subscriber = broker.subscriber("g");
        subscriber.subscribe("t");
        return subscriber;
    }

    private static CompletableFuture<Message> receiveOnNewThread(Subscriber subscriber, AtomicLong started,
            Thread[] thread) {
        CompletableFuture<Message> received = new CompletableFuture<>();
        thread[0] = new Thread(() -> {
            try {
                started.set(System.nanoTime());
                received.complete(subscriber.receive());
            } catch (Throwable e) {
                received.completeExceptionally(e);
            }
        }, "receiver");
        thread[0].setDaemon(true);
        thread[0].start();
        return received;
    }
}
