package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message arrives with its uuid, payload and every metadata entry unchanged. */
public abstract class MetadataConformance extends BackendConformance {

    @Test
    void uuidPayloadAndMetadataRoundTrip() throws InterruptedException {
        String topic = newTopic();
        Map<String, String> metadata = Map.of(
                "customer", "Alice",
                "priority", "high",
                "unicode", "Grüße 日本 🚀",
                "empty", "",
                MetadataKeys.CORRELATION_ID, "c-42",
                MetadataKeys.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
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
