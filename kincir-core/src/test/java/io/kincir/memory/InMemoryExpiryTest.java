package io.kincir.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TTL (config default and {@code _ttl}), the cleanup task, and delayed delivery ({@code _delay}). */
class InMemoryExpiryTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void aMessageOlderThanTheConfiguredTtlIsNeverDeliveredAndIsCounted() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMessageTtl(SHORT)
                .withCleanupInterval(null).withStats(true));
                Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");
            long published = System.nanoTime();
            broker.publisher().publish("t", Message.of("stale"));
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - published > SHORT.toNanos());
            broker.publisher().publish("t", Message.of("fresh"));

            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("fresh");
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(1);
            assertThat(broker.stats().orElseThrow().expired()).isEqualTo(1);
        }
    }

    @Test
    void aMessagesOwnTtlOverridesTheDefault() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMessageTtl(Duration.ofHours(1))
                .withCleanupInterval(null));
                Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");
            long published = System.nanoTime();
            broker.publisher().publish("t", List.of(
                    Message.of("short-lived").withMetadata(MetadataKeys.TTL, "PT0.1S"),
                    Message.of("long-lived")));
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - published > SHORT.toNanos());

            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("long-lived");
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(1);
        }
    }

    @Test
    void theCleanupTaskRemovesExpiredMessagesWithoutAnyReceiver() {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMessageTtl(SHORT)
                .withCleanupInterval(Duration.ofMillis(50)));
                Subscriber idle = broker.subscriber("idle")) {
            idle.subscribe("t");
            broker.publisher().publish("t", List.of(Message.of("1"), Message.of("2"),
                    Message.of("3").withMetadata(MetadataKeys.TTL, "PT1H")));
            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(3);

            await().atMost(Duration.ofSeconds(5)).until(() -> broker.healthCheck().queuedMessages() == 1);
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(2);
        }
    }

    @Test
    void withoutCleanupExpiredMessagesStayQueuedUntilSkipped() throws InterruptedException {
        try (InMemoryBroker broker = new InMemoryBroker(InMemoryConfig.defaults().withMessageTtl(SHORT)
                .withCleanupInterval(null));
                Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");
            long published = System.nanoTime();
            broker.publisher().publish("t", Message.of("stale"));
            await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - published > 3 * SHORT.toNanos());

            assertThat(broker.healthCheck().queuedMessages()).isEqualTo(1);
            assertThat(subscriber.receive(Duration.ZERO)).isEmpty();
            assertThat(broker.healthCheck().queuedMessages()).isZero();
            assertThat(broker.healthCheck().expiredMessages()).isEqualTo(1);
        }
    }

    @Test
    void anInvalidTtlOrDelayFailsTheWholeBatch() throws InterruptedException {
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig(); Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");

            assertThatIllegalArgumentException().isThrownBy(() -> broker.publisher().publish("t",
                    List.of(Message.of("ok"), Message.of("bad").withMetadata(MetadataKeys.TTL, "5 seconds"))))
                    .withMessageContaining("_ttl='5 seconds'").withMessageContaining("PT30S");
            assertThatIllegalArgumentException().isThrownBy(() -> broker.publisher().publish("t",
                    Message.of("bad").withMetadata(MetadataKeys.DELAY, "-PT1S")))
                    .withMessageContaining("_delay");
            assertThat(subscriber.receive(Duration.ofMillis(100))).isEmpty();
        }
    }

    @Test
    void aDelayedMessageArrivesNoEarlierThanItsDelay() throws InterruptedException {
        Duration delay = Duration.ofMillis(300);
        try (InMemoryBroker broker = InMemoryBroker.withDefaultConfig(); Subscriber subscriber = broker.subscriber()) {
            subscriber.subscribe("t");
            long published = System.nanoTime();
            broker.publisher().publish("t", List.of(
                    Message.of("later").withMetadata(MetadataKeys.DELAY, "PT0.3S"), Message.of("now")));

            assertThat(subscriber.receive(Duration.ofSeconds(5))).map(Message::payloadAsString).contains("now");
            Message later = subscriber.receive(Duration.ofSeconds(5)).orElseThrow();
            long waited = System.nanoTime() - published;

            assertThat(later.payloadAsString()).isEqualTo("later");
            assertThat(Duration.ofNanos(waited)).isGreaterThanOrEqualTo(delay);
        }
    }

    @Test
    void delayedMessagesNotYetDueAtShutdownAreCountedAsDropped() {
        InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
        broker.subscriber("g").subscribe("t");
        broker.publisher().publish("t", List.of(
                Message.of("1").withMetadata(MetadataKeys.DELAY, "PT1H"),
                Message.of("2").withMetadata(MetadataKeys.DELAY, "PT1H")));

        broker.shutdown();

        assertThat(broker.healthCheck().droppedMessages()).isEqualTo(2);
    }
}
