package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.conformance.ForeignMessagesConformance;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NATS messages from and to a plain JetStream publish and a plain subscription: headers are text, so a
 * typed header travels as the text of its value; the content type as {@code Content-Type}, the message
 * id as {@code Nats-Msg-Id}, the correlation id as {@code Correlation-Id}.
 */
class NatsForeignMessagesTest extends ForeignMessagesConformance {

    @RegisterExtension
    static final TestNats NATS = new TestNats();

    @Override
    protected Backend createBackend() {
        return NATS.backend();
    }

    @Override
    protected void publishForeign(String topic, ForeignMessage message) throws Exception {
        publish(topic, headers(message), message.payload());
    }

    private static Headers headers(ForeignMessage message) {
        Headers headers = new Headers();
        message.headers().forEach((key, value) -> headers.add(key, value instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value)));
        if (message.contentType() != null) {
            headers.add("Content-Type", message.contentType());
        }
        if (message.messageId() != null) {
            headers.add("Nats-Msg-Id", message.messageId());
        }
        if (message.correlationId() != null) {
            headers.add("Correlation-Id", message.correlationId());
        }
        return headers;
    }

    private static void publish(String topic, Headers headers, byte[] payload) throws Exception {
        NATS.inspector().jetStream().publish(NatsMessage.builder().subject(NatsNames.subject(topic)).headers(headers)
                .data(payload).build());
    }

    @Override
    protected ForeignReader readForeign(String topic) throws Exception {
        Subscription subscription = NATS.inspector().subscribe(NatsNames.subject(topic));
        NATS.inspector().flush(Duration.ofSeconds(5));
        return new ForeignReader() {
            @Override
            public Optional<Found> next(Duration timeout) throws Exception {
                return Optional.ofNullable(subscription.nextMessage(timeout))
                        .map(NatsForeignMessagesTest::asDocumented);
            }

            @Override
            public void close() {
                subscription.unsubscribe();
            }
        };
    }

    /**
     * As docs/nats.md says: the body is the payload, {@code Kincir-Uuid} the uuid, other headers but
     * {@code Nats-*} metadata, {@code Kincir-Metadata} values {@code base64url(key).base64url(value)}, a
     * value starting with {@code =} base64url.
     */
    private static Found asDocumented(io.nats.client.Message message) {
        Map<String, String> metadata = new HashMap<>();
        String uuid = null;
        for (String key : message.getHeaders().keySet()) {
            String value = message.getHeaders().getFirst(key);
            if (key.equals("Kincir-Uuid")) {
                uuid = text(value);
            } else if (key.equals("Kincir-Metadata")) {
                for (String escaped : message.getHeaders().get(key)) {
                    String[] parts = escaped.split("\\.");
                    metadata.put(decode(parts[0]), decode(parts[1]));
                }
            } else if (!key.startsWith("Nats-")) {
                metadata.put(key, text(value));
            }
        }
        return new Found(message.getData(), uuid, metadata);
    }

    private static String text(String value) {
        return value.startsWith("=") ? decode(value.substring(1)) : value;
    }

    private static String decode(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    @Test
    void aKincirMessageWhoseEscapedMetadataIsNotKincirsKeepsItAsItIs() throws Exception {
        String topic = newTopic();
        Headers headers = new Headers();
        headers.add("Kincir-Uuid", "odd-1");
        headers.add("Kincir-Metadata", "!!.??");
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            publish(topic, headers, "odd".getBytes(StandardCharsets.UTF_8));

            Message received = receive(subscriber, 1).get(0);

            assertThat(received.uuid()).isEqualTo("odd-1");
            assertThat(received.metadata()).containsEntry("Kincir-Metadata", "!!.??");
        }
    }

    @Test
    void aForeignMessageWithoutAnIdGetsItsStreamAndSequence() throws Exception {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            publish(topic, new Headers().add("origin", "legacy"), "plain".getBytes(StandardCharsets.UTF_8));

            Message received = receive(subscriber, 1).get(0);

            assertThat(received.uuid()).isEqualTo(NatsNames.stream(topic) + "@1");
            assertThat(received.metadata()).containsEntry("origin", "legacy");
        }
    }
}
