package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import io.kincir.spi.MetadataLimits;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A message arrives with its uuid, payload and every metadata entry unchanged, up to the limits every
 * backend shares ({@link MetadataLimits}); over them a publish fails before anything of its batch is sent.
 */
public abstract class MetadataConformance extends BackendConformance {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    /**
     * @return as many entries and bytes as a message may carry, none of it plain ASCII: the costliest
     *     metadata for a backend that escapes such text (NATS writes it in base64, a header line each)
     */
    public static Map<String, String> metadataAtTheLimits() {
        int perEntry = MetadataLimits.MAX_BYTES / MetadataLimits.MAX_ENTRIES;
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < MetadataLimits.MAX_ENTRIES; i++) {
            String key = String.format(Locale.ROOT, "é%03d", i);
            int valueBytes = perEntry - key.getBytes(StandardCharsets.UTF_8).length;
            metadata.put(key, "é".repeat(valueBytes / 2) + "x".repeat(valueBytes % 2));
        }
        return metadata;
    }

    @Test
    void metadataAtTheLimitsRoundTripsAndComesBackAfterANack() throws InterruptedException {
        String topic = newTopic();
        Message sent = Message.of("at-the-limits", "payload".getBytes(StandardCharsets.UTF_8), metadataAtTheLimits());
        try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, sent);

            Delivery first = receive(subscriber);
            assertThat(first.message().metadata()).containsAllEntriesOf(sent.metadata());
            first.nack(true);
            Delivery again = receive(subscriber);
            assertThat(again.message().uuid()).isEqualTo(sent.uuid());
            assertThat(again.message().metadata()).containsAllEntriesOf(sent.metadata());
            again.ack();
        }
    }

    /**
     * Tracing adds a W3C {@code traceparent} to what an application publishes, and to the dead letter of a
     * message that came without one: a message at the limits must stay publishable with it.
     */
    @Test
    void metadataAtTheLimitsRoundTripsWithATraceparentAdded() throws InterruptedException {
        String topic = newTopic();
        Message sent = Message.of("at-the-limits-traced", "payload".getBytes(StandardCharsets.UTF_8),
                metadataAtTheLimits()).withMetadata(MetadataKeys.TRACEPARENT, TRACEPARENT);
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, sent);

            assertThat(receive(subscriber, 1).get(0).metadata()).containsAllEntriesOf(sent.metadata());
        }
    }

    @Test
    void metadataOverALimitFailsTheBatchBeforeAnythingIsSent() throws InterruptedException {
        Map<String, String> tooManyEntries = new HashMap<>();
        for (int i = 0; i <= MetadataLimits.MAX_ENTRIES; i++) {
            tooManyEntries.put("k" + i, "v");
        }
        Map<String, String> tooManyBytes = Map.of("note", "n".repeat(MetadataLimits.MAX_BYTES - 3));
        Map<String, String> tooLongAKey = Map.of("k".repeat(MetadataLimits.MAX_KEY_BYTES + 1), "v");
        Map<String, String> aTraceparentLongerThanW3Cs = new HashMap<>(metadataAtTheLimits());
        aTraceparentLongerThanW3Cs.put(MetadataKeys.TRACEPARENT, TRACEPARENT + "-more");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            for (Map<String, String> metadata : List.of(tooManyEntries, tooManyBytes, tooLongAKey,
                    aTraceparentLongerThanW3Cs)) {
                Message refused = Message.of(Long.toString(metadata.size()), new byte[0], metadata);

                assertThatThrownBy(() -> backend.publisher().publish(topic, List.of(Message.of("first"), refused)))
                        .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.topic()).isEqualTo(topic))
                        .hasMessageContaining("Message " + refused.uuid() + " (2 of 2)")
                        .hasMessageContaining("on every backend")
                        .hasMessageContaining("None of the batch of 2 was published");
            }
            backend.publisher().publish(topic, Message.of("after"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("after");
            assertNothingMore(subscriber);
        }
    }

    @Test
    void uuidPayloadAndMetadataRoundTrip() throws InterruptedException {
        String topic = newTopic();
        Map<String, String> metadata = Map.of(
                "customer", "Alice",
                "priority", "high",
                "unicode", "Grüße 日本 🚀",
                "empty", "",
                MetadataKeys.CORRELATION_ID, "c-42",
                MetadataKeys.TRACEPARENT, TRACEPARENT);
        Message sent = Message.of("order-1234-uuid", "Order #1234".getBytes(StandardCharsets.UTF_8), metadata);
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, sent);

            Message received = receive(subscriber, 1).get(0);

            assertThat(received.uuid()).isEqualTo("order-1234-uuid");
            assertThat(received.payloadAsString()).isEqualTo("Order #1234");
            assertThat(received.metadata()).containsAllEntriesOf(metadata);
        }
    }

    @Test
    void generatedUuidsSurviveAndDiffer() throws InterruptedException {
        String topic = newTopic();
        Message first = Message.of("a");
        Message second = Message.of("b");
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, java.util.List.of(first, second));

            assertThat(receive(subscriber, 2)).extracting(Message::uuid)
                    .containsExactlyInAnyOrder(first.uuid(), second.uuid())
                    .doesNotHaveDuplicates();
        }
    }
}
