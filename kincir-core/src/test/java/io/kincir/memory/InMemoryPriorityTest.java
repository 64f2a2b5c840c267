package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.QueueFullException;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code _priority} in a group's queue, and what it leaves as it was: bounded queues, TTL, the cleanup
 * task, {@code _sequence}, redelivery and delays.
 */
class InMemoryPriorityTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void higherPriorityGoesFirstAndSequenceStaysThePublishOrder() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaintainOrder(true));
                Subscriber idle = broker.subscriber("g")) {
            idle.subscribe("t");
            broker.publisher().publish("t", List.of(Message.of("a"), priority("b", 3), Message.of("c")
                    .withMetadata(MetadataKeys.PRIORITY, "0"), priority("d", 7), priority("e", 3)));

            List<Message> received = receive(idle, 5);
            assertThat(received).extracting(Message::payloadAsString).containsExactly("d", "b", "e", "a", "c");
            assertThat(received).extracting(m -> m.metadata(MetadataKeys.SEQUENCE).orElseThrow())
                    .containsExactly("4", "2", "5", "1", "3");
        }
    }

    @Test
    void prioritizedMessagesTakeRoomInABoundedQueueAndGiveItBack() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMaxQueueSize(2));
                Subscriber idle = broker.subscriber("g")) {
            idle.subscribe("t");
            broker.publisher().publish("t", List.of(priority("high", 9), Message.of("plain")));

            assertThatThrownBy(() -> broker.publisher().publish("t", priority("more", 9)))
                    .isInstanceOf(QueueFullException.class);
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(2);
            assertThat(receive(idle, 1)).extracting(Message::payloadAsString).containsExactly("high");
            broker.publisher().publish("t", priority("more", 9));
            assertThat(receive(idle, 2)).extracting(Message::payloadAsString).containsExactly("more", "plain");
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        }
    }

    @Test
    void anExpiredPrioritizedMessageIsSkippedAndCounted() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withCleanupInterval(null));
                Subscriber idle = broker.subscriber("g")) {
            idle.subscribe("t");
            long published = System.nanoTime();
            broker.publisher().publish("t", List.of(Message.of("plain"),
                    priority("stale", 9).withMetadata(MetadataKeys.TTL, "PT0.1S")));
            await().atMost(WAIT).until(() -> System.nanoTime() - published > Duration.ofMillis(100).toNanos());

            assertThat(receive(idle, 1)).extracting(Message::payloadAsString).containsExactly("plain");
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(1);
            assertThat(broker.healthCheck().queuedMessages()).isZero();
        }
    }

    @Test
    void theCleanupTaskRemovesExpiredPrioritizedMessages() {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults()
                .withCleanupInterval(Duration.ofMillis(50)));
                Subscriber idle = broker.subscriber("g")) {
            idle.subscribe("t");
            broker.publisher().publish("t", List.of(priority("stale", 5).withMetadata(MetadataKeys.TTL, "PT0.1S"),
                    priority("kept", 5)));

            await().atMost(WAIT).until(() -> broker.healthCheck().queuedMessages() == 1);
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(1);
            assertThat(broker.healthCheck().memoryEstimateBytes()).isPositive();
        }
    }

    @Test
    void aNackedMessageComesBackBeforeWaitingOnesWhateverTheirPriority() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
                AckSubscriber subscriber = broker.ackSubscriber("g")) {
            subscriber.subscribe("t");
            broker.publisher().publish("t", priority("low", 1));
            Delivery low = subscriber.receive(WAIT).orElseThrow();
            broker.publisher().publish("t", priority("high", 9));
            low.nack(true);

            assertThat(subscriber.receive(WAIT)).map(d -> d.message().payloadAsString()).contains("low");
        }
    }

    @Test
    void aDelayedPrioritizedMessageKeepsItsPriority() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
                Subscriber idle = broker.subscriber("g")) {
            idle.subscribe("t");
            broker.publisher().publish("t", List.of(Message.of("plain"),
                    priority("delayed", 9).withMetadata(MetadataKeys.DELAY, "PT0.1S")));
            await().atMost(WAIT).until(() -> broker.healthCheck().queuedMessages() == 2);

            assertThat(receive(idle, 2)).extracting(Message::payloadAsString).containsExactly("delayed", "plain");
        }
    }

    private static Message priority(String payload, int priority) {
        return Message.of(payload).withMetadata(MetadataKeys.PRIORITY, Integer.toString(priority));
    }

    private static List<Message> receive(Subscriber subscriber, int count) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        while (received.size() < count) {
            received.add(subscriber.receive(WAIT).orElseThrow());
        }
        return received;
    }
}
