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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
