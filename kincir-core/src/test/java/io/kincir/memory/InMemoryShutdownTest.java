package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.BrokerShutdownException;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Graceful shutdown drains; forced shutdown drops and wakes everyone. */
class InMemoryShutdownTest {

    @Test
    void gracefulShutdownRefusesPublishesButLetsReceiversDrainThenSignalsTheEnd() throws InterruptedException {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        Subscriber subscriber = broker.subscriber("g");
        subscriber.subscribe("t");
        broker.publisher().publish("t", List.of(Message.of("1"), Message.of("2")));

        broker.shutdown();

        assertThat(broker.isShutdown()).isTrue();
        assertThatThrownBy(() -> broker.publisher().publish("t", Message.of("3")))
                .isInstanceOf(BrokerShutdownException.class).hasMessageContaining("publish to 't'");
        assertThatThrownBy(() -> broker.subscriber().subscribe("t")).isInstanceOf(BrokerShutdownException.class);
        assertThat(subscriber.receive().payloadAsString()).isEqualTo("1");
        assertThat(subscriber.receive(Duration.ofSeconds(1))).map(Message::payloadAsString).contains("2");
        assertThatThrownBy(subscriber::receive).isInstanceOf(BrokerShutdownException.class)
                .hasMessageContaining("nothing left");
    }

    @Test
    void gracefulShutdownWakesAReceiverBlockedOnAnEmptyQueue() throws Exception {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        Subscriber subscriber = broker.subscriber("g");
        subscriber.subscribe("t");
        CompletableFuture<Message> blocked = CompletableFuture.supplyAsync(() -> receiveUnchecked(subscriber));
        await().atMost(Duration.ofSeconds(5)).until(() -> parkedIn("take"));

        broker.shutdown();

        assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BrokerShutdownException.class);
    }

    @Test
    void aNackedDeliveryCanStillBeDrainedAfterGracefulShutdown() throws InterruptedException {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        AckSubscriber subscriber = broker.ackSubscriber("g");
        subscriber.subscribe("t");
        broker.publisher().publish("t", Message.of("in flight"));
        Delivery delivery = subscriber.receive();

        broker.shutdown();
        delivery.nack(true);

        assertThat(subscriber.receive().message().payloadAsString()).isEqualTo("in flight");
    }

    @Test
    void forceShutdownDropsWhatIsQueuedAndWakesBlockedReceivers() throws Exception {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        Subscriber full = broker.subscriber("full");
        full.subscribe("t");
        Subscriber waiting = broker.subscriber("waiting");
        waiting.subscribe("empty");
        broker.publisher().publish("t", List.of(Message.of("1"), Message.of("2"), Message.of("3")));
        CompletableFuture<Message> blocked = CompletableFuture.supplyAsync(() -> receiveUnchecked(waiting));
        await().atMost(Duration.ofSeconds(5)).until(() -> parkedIn("take"));

        long dropped = broker.forceShutdown();

        assertThat(dropped).isEqualTo(3);
        assertThat(broker.healthCheck().droppedMessages()).isEqualTo(3);
        assertThat(broker.healthCheck().queuedMessages()).isZero();
        assertThatThrownBy(full::receive).isInstanceOf(BrokerShutdownException.class).hasMessageContaining("dropped");
        assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(BrokerShutdownException.class);
        assertThat(broker.forceShutdown()).as("a second call does nothing").isZero();
    }

    @Test
    void aBlockedReceiverCanBeInterrupted() throws Exception {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber subscriber = broker.subscriber();
            subscriber.subscribe("t");
            Thread receiver = new Thread(() -> {
                try {
                    subscriber.receive();
                } catch (InterruptedException expected) {
                    Thread.currentThread().interrupt();
                }
            });
            receiver.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.getState() == Thread.State.WAITING);

            receiver.interrupt();
            receiver.join(5000);

            assertThat(receiver.isAlive()).isFalse();
            assertThat(receiver.isInterrupted() || !receiver.isAlive()).isTrue();
        }
    }

    @Test
    void receivingBeforeSubscribingOrAfterClosingIsAnError() {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber subscriber = broker.subscriber();
            assertThatThrownBy(subscriber::receive).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Subscribe to a topic");
            subscriber.subscribe("t");
            subscriber.close();
            assertThatThrownBy(subscriber::receive).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }

    /**
     * Publishers race a graceful shutdown while two members drain their group: every publish that
     * returned must reach a receiver or be counted as dropped, and every refused one must have thrown.
     * Repeated, because the window between a publisher's state check and its append is short.
     */
    @Test
    void aPublishRacingShutdownIsReceivedOrCountedNeverLostSilently() throws Exception {
        for (int round = 0; round < 200; round++) {
            InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
            List<Subscriber> members = List.of(broker.subscriber("g"), broker.subscriber("g"));
            for (Subscriber member : members) {
                member.subscribe("t");
            }
            AtomicLong received = new AtomicLong();
            AtomicLong accepted = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            for (Subscriber member : members) {
                threads.add(started(() -> {
                    try {
                        while (true) {
                            member.receive();
                            received.incrementAndGet();
                        }
                    } catch (BrokerShutdownException | InterruptedException end) {
                        // Drained: the broker has nothing left for this member.
                    }
                }));
            }
            CountDownLatch publishing = new CountDownLatch(3);
            for (int p = 0; p < 3; p++) {
                int batch = p + 1;
                threads.add(started(() -> {
                    publishing.countDown();
                    List<Message> messages = java.util.stream.IntStream.range(0, batch)
                            .mapToObj(i -> Message.of("m" + i)).toList();
                    try {
                        while (true) {
                            broker.publisher().publish("t", messages);
                            accepted.addAndGet(batch);
                        }
                    } catch (BrokerShutdownException refused) {
                        // Refused with an exception: the caller knows it was not published.
                    }
                }));
            }
            publishing.await();
            broker.shutdown();
            for (Thread thread : threads) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as("round %d: a thread is stuck", round).isFalse();
            }

            BrokerHealth health = broker.healthCheck();
            assertThat(received.get() + health.droppedMessages())
                    .as("round %d: received plus dropped equals what publishes returned for", round)
                    .isEqualTo(accepted.get());
            assertThat(health.queuedMessages()).as("round %d: nothing left behind", round).isZero();
        }
    }

    private static Thread started(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    private static Message receiveUnchecked(Subscriber subscriber) {
        try {
            return subscriber.receive();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean parkedIn(String method) {
        return Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(entry -> entry.getKey().getState() == Thread.State.WAITING
                        && java.util.Arrays.stream(entry.getValue()).anyMatch(frame -> frame.getMethodName().equals(method)
                                && frame.getClassName().equals(Member.class.getName())));
    }
}
