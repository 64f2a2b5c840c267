package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.BrokerShutdownException;
import io.kincir.Message;
import io.kincir.QueueFullException;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A subscriber alone in its group takes runs of messages at once ({@link Claim}); what it holds
 * stays queued in every respect until it is handed out.
 */
class InMemoryClaimTest {

    private static final List<Message> TEN = IntStream.range(0, 10).mapToObj(i -> Message.of("m" + i)).toList();

    @Test
    void claimedMessagesCountAsQueuedAndGoBackToTheGroupInOrderWhenTheSubscriberCloses() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber first = broker.subscriber("g");
            first.subscribe("t");
            broker.publisher().publish("t", TEN);
            for (int i = 0; i < 3; i++) {
                assertThat(first.receive().payloadAsString()).isEqualTo("m" + i);
            }
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(7);

            first.close();

            try (Subscriber second = broker.subscriber("g")) {
                second.subscribe("t");
                for (int i = 3; i < 10; i++) {
                    assertThat(second.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("m" + i);
                }
                assertThat(second.receive(Duration.ZERO)).isEmpty();
            }
            assertThat(broker.healthCheck().droppedMessages()).isZero();
        }
    }

    @Test
    void aSecondMemberGetsTheNextMessageWhileTheFirstHoldsItsOwn() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
                Subscriber first = broker.subscriber("g");
                Subscriber second = broker.subscriber("g")) {
            first.subscribe("t");
            second.subscribe("t");
            broker.publisher().publish("t", TEN);

            assertThat(first.receive().payloadAsString()).isEqualTo("m0");
            assertThat(second.receive(Duration.ZERO)).as("competing members never claim").map(Message::payloadAsString)
                    .contains("m1");
        }
    }

    @Test
    void aClaimedMessageKeepsItsRoomInABoundedQueueUntilItIsReceived() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(10));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", TEN);
            subscriber.receive();

            broker.publisher().publish("t", Message.of("fits"));
            assertThatThrownBy(() -> broker.publisher().publish("t", Message.of("does not fit")))
                    .isInstanceOf(QueueFullException.class);
        }
    }

    @Test
    void claimedMessagesThatExpireAreNeverDeliveredAndAreCounted() throws InterruptedException {
        Duration ttl = Duration.ofMillis(100);
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMessageTtl(ttl)
                .withCleanupInterval(null));
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            long published = System.nanoTime();
            broker.publisher().publish("t", TEN);
            assertThat(subscriber.receive().payloadAsString()).isEqualTo("m0");
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - published > 3 * ttl.toNanos());

            assertThat(subscriber.receive(Duration.ZERO)).isEmpty();
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(9);
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        }
    }

    @Test
    void deletingTheGroupDropsWhatItsMemberClaimed() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
                Subscriber subscriber = broker.subscriber("g")) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", TEN);
            subscriber.receive();

            broker.deleteGroup("t", "g");

            assertThat(subscriber.receive(Duration.ZERO)).isEmpty();
            assertThat(broker.healthCheck().droppedMessages()).isEqualTo(9);
        }
    }

    @Test
    void closingAPrivateSubscriberDropsAndCountsWhatItClaimed() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig()) {
            Subscriber subscriber = broker.subscriber();
            subscriber.subscribe("t");
            broker.publisher().publish("t", TEN);
            subscriber.receive();

            subscriber.close();

            assertThat(broker.healthCheck().droppedMessages()).isEqualTo(9);
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        }
    }

    @Test
    void afterAForcedShutdownClaimedMessagesAreDroppedAndCountedWhenTheirMemberNextReceives() throws InterruptedException {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        Subscriber subscriber = broker.subscriber("g");
        subscriber.subscribe("t");
        broker.publisher().publish("t", TEN);
        subscriber.receive();

        broker.forceShutdown();

        assertThatThrownBy(subscriber::receive).isInstanceOf(BrokerShutdownException.class);
        assertThat(broker.healthCheck().droppedMessages()).isEqualTo(9);
        assertThat(broker.healthCheck().queuedMessages()).isZero();
    }
}
