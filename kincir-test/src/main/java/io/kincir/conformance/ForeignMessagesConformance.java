package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.listener.ListenerContainer;
import io.kincir.listener.ParkedMessage;
import io.kincir.listener.RetryPolicy;
import io.kincir.spi.MetadataLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Messages between Kincir and services that do not use it, both ways, with the broker's own client: what
 * a plain producer sends (typed headers, the broker's content type, message id and correlation id)
 * arrives as metadata in string form under Kincir's keys, and what Kincir publishes is found by a plain
 * consumer where the backend's documentation ("wire format") says.
 *
 * <p>Not part of {@link ConformanceSuite}, which needs no client but Kincir: a backend's test extends
 * this class and supplies {@link #publishForeign} and {@link #readForeign} with its broker's client.
 */
public abstract class ForeignMessagesConformance extends BackendConformance {

    /**
     * A message as a producer without Kincir sends it.
     *
     * @param payload the body
     * @param headers headers of simple types, as the client takes them (where it takes only text or
     *     bytes, written as {@code String.valueOf})
     * @param contentType the payload's media type, where the broker puts it (AMQP's property; a
     *     {@code Content-Type} header), or null
     * @param messageId the broker's id of the message (AMQP's message id, NATS's {@code Nats-Msg-Id}, a
     *     {@code message-id} header or field), or null
     * @param correlationId the correlation id where the broker puts it, or null
     */
    public record ForeignMessage(byte[] payload, Map<String, Object> headers, String contentType,
            String messageId, String correlationId) {
    }

    /**
     * What a consumer without Kincir finds of a message Kincir published, read as the backend's
     * documentation says.
     *
     * @param payload the body
     * @param uuid the message's uuid
     * @param metadata every metadata entry
     */
    public record Found(byte[] payload, String uuid, Map<String, String> metadata) {
    }

    /** A plain consumer of a topic, reading what was published since it was opened. */
    public interface ForeignReader extends AutoCloseable {

        /** @return the next message, or empty if none came within the timeout */
        Optional<Found> next(Duration timeout) throws Exception;
    }

    /**
     * Publishes with the broker's own client to where the topic's subscribers read, after a Kincir
     * subscriber subscribed (so the topic's exchange, stream or partitions exist).
     */
    protected abstract void publishForeign(String topic, ForeignMessage message) throws Exception;

    /** Opens a plain consumer of the topic, after a Kincir subscriber subscribed to it. */
    protected abstract ForeignReader readForeign(String topic) throws Exception;

    /**
     * @return whether a message that comes without an id gets one from its place on the broker, the same
     *     on every redelivery (a Kafka offset, a stream sequence, a Redis entry id); AMQP has none
     */
    protected boolean positionGivesTheUuid() {
        return true;
    }

    private static Map<String, Object> typedHeaders() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("n", 42);
        headers.put("big", 9_000_000_000L);
        headers.put("ratio", 0.5);
        headers.put("flag", true);
        headers.put("text", "plain");
        headers.put("bytes", "raw bytes".getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    @Test
    void aForeignMessageArrivesWithItsTypedHeadersContentTypeIdAndCorrelationIdAsMetadata() throws Exception {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            publishForeign(topic, new ForeignMessage("{\"order\":1}".getBytes(StandardCharsets.UTF_8), typedHeaders(),
                    "application/json", "foreign-id-1", "corr-7"));

            Message received = receive(subscriber, 1).get(0);

            assertThat(received.payloadAsString()).isEqualTo("{\"order\":1}");
            assertThat(received.uuid()).isEqualTo("foreign-id-1");
            assertThat(received.metadata())
                    .containsEntry("n", "42")
                    .containsEntry("big", "9000000000")
                    .containsEntry("ratio", "0.5")
                    .containsEntry("flag", "true")
                    .containsEntry("text", "plain")
                    .containsEntry("bytes", "raw bytes")
                    .containsEntry(MetadataKeys.CONTENT_TYPE, "application/json")
                    .containsEntry(MetadataKeys.CORRELATION_ID, "corr-7");
        }
    }

    @Test
    void aForeignMessageWithoutAnIdGetsAUuidThatARedeliveryKeeps() throws Exception {
        String topic = newTopic();
        try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
            subscriber.subscribe(topic);
            publishForeign(topic, new ForeignMessage("no id".getBytes(StandardCharsets.UTF_8), Map.of("n", 1), null,
                    null, null));

            Delivery first = receive(subscriber);
            assertThat(first.message().uuid()).isNotBlank();
            assertThat(first.message().metadata()).containsEntry("n", "1")
                    .doesNotContainKeys(MetadataKeys.CONTENT_TYPE, MetadataKeys.CORRELATION_ID);
            first.nack(true);
            Delivery again = receive(subscriber);
            again.ack();

            assertThat(again.message().payloadAsString()).isEqualTo("no id");
            if (positionGivesTheUuid()) {
                assertThat(again.message().uuid()).isEqualTo(first.message().uuid());
            }
        }
    }

    /**
     * Kincir's limits bound what it publishes, not what it receives: a foreign message over them is
     * delivered whole; its dead letter is refused, so the listener parks it, and reads on.
     */
    @Test
    void aForeignMessageOverTheMetadataLimitsIsDeliveredWholeAndParkedWhenItsDeadLetterIsRefused() throws Exception {
        String topic = newTopic();
        Map<String, Object> tooMany = new LinkedHashMap<>();
        for (int i = 0; i <= MetadataLimits.MAX_ENTRIES; i++) {
            tooMany.put("h" + i, i);
        }
        Set<String> handled = ConcurrentHashMap.newKeySet();
        ListenerContainer listener = ListenerContainer.builder(backend).id("foreign-" + topic).topics(topic)
                .group(newGroup()).retryPolicy(RetryPolicy.noRetries()).deadLetterAttempts(1)
                .handler(message -> {
                    if (message.metadata().size() > MetadataLimits.MAX_ENTRIES) {
                        assertThat(message.metadata()).containsEntry("h" + MetadataLimits.MAX_ENTRIES,
                                Integer.toString(MetadataLimits.MAX_ENTRIES));
                        throw new IllegalStateException("refused by the handler");
                    }
                    handled.add(message.uuid());
                })
                .build();
        listener.start();
        try {
            publishForeign(topic, new ForeignMessage("big".getBytes(StandardCharsets.UTF_8), tooMany, null, "too-many",
                    null));
            publishForeign(topic, new ForeignMessage("after".getBytes(StandardCharsets.UTF_8), Map.of(), null, "after",
                    null));

            await().atMost(receiveTimeout()).untilAsserted(() -> {
                assertThat(listener.parked()).extracting(ParkedMessage::message).extracting(Message::uuid)
                        .containsExactly("too-many");
                assertThat(handled).containsExactly("after");
            });
            assertThat(listener.parked().get(0).reason()).contains("metadata entries");
            assertThat(listener.state().parked()).isEqualTo(1);
            assertThat(listener.state().deadLettered()).isZero();
        } finally {
            listener.stop();
        }
    }

    @Test
    void aKincirMessageIsFoundByAPlainConsumerWhereTheDocumentationSays() throws Exception {
        String topic = newTopic();
        Map<String, String> metadata = Map.of(
                "customer", "Alice",
                "unicode", "Grüße 日本",
                MetadataKeys.CONTENT_TYPE, "application/json",
                MetadataKeys.CORRELATION_ID, "corr-9");
        Message sent = Message.of("kincir-uuid-1", "{\"order\":2}".getBytes(StandardCharsets.UTF_8), metadata);
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            try (ForeignReader reader = readForeign(topic)) {
                backend.publisher().publish(topic, sent);

                Found found = reader.next(receiveTimeout()).orElseThrow(
                        () -> new AssertionError("A plain consumer found nothing within " + receiveTimeout()));

                assertThat(new String(found.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"order\":2}");
                assertThat(found.uuid()).isEqualTo("kincir-uuid-1");
                assertThat(found.metadata()).containsAllEntriesOf(metadata);
            }
        }
    }
}
