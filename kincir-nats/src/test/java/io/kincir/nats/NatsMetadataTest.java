package io.kincir.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.conformance.MetadataConformance;
import io.kincir.spi.Names;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Metadata travel as NATS headers, which hold only ASCII: every key and value, and the uuid, arrive
 * exactly as sent.
 */
class NatsMetadataTest {

    private final TestNats nats = new TestNats();

    @AfterEach
    void tearDown() {
        nats.close();
    }

    private static Map<String, String> awkwardMetadata() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("unicode", "Grüße 日本 🚀");
        metadata.put("Grüße 日本 🚀", "a non-ASCII key");
        metadata.put("empty", "");
        metadata.put("", "an empty key");
        metadata.put("spaces", "  around  ");
        metadata.put("looks-encoded", "=R3LDvMOfZQ");
        metadata.put("key:with:colons", "v");
        metadata.put("key with spaces", "v");
        metadata.put("line", "first\r\nsecond");
        metadata.put("Nats-Expected-Stream", "not for the server");
        metadata.put("Kincir-Uuid", "not the uuid");
        metadata.put("Case", "upper");
        metadata.put("case", "lower");
        metadata.put(MetadataKeys.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        return metadata;
    }

    /**
     * JetStream refuses more than 64 KiB of headers. Metadata at the shared limits, all escaped, on a
     * dead letter with the longest error the listener container writes, to the longest stream name,
     * must stay below it.
     */
    @Test
    void metadataAtTheSharedLimitsFitsJetStreamsHeadersEvenOnADeadLetter() {
        Map<String, String> metadata = new LinkedHashMap<>(MetadataConformance.metadataAtTheLimits());
        metadata.put(MetadataKeys.ERROR, "€".repeat(1_000) + "… (10,485,760 more characters)");
        metadata.put(MetadataKeys.ORIGINAL_TOPIC, "t".repeat(Names.MAX_LENGTH));
        metadata.put(MetadataKeys.ATTEMPT, "10");
        metadata.put(MetadataKeys.SEQUENCE, Long.toString(Long.MAX_VALUE));
        metadata.put(MetadataKeys.PUBLISHED_AT, Long.toString(Long.MAX_VALUE));
        Message deadLetter = Message.of(java.util.UUID.randomUUID().toString(), new byte[0], metadata);

        Headers headers = MessageCodec.headers(deadLetter, NatsNames.stream("._".repeat(Names.MAX_LENGTH / 2)));

        assertThat(headers.serializedLength()).isLessThan(64 * 1024);
    }

    @Test
    void theCodecRoundTripsAwkwardKeysValuesAndUuids() {
        Message sent = Message.of("uuid Grüße 🚀", "payload".getBytes(StandardCharsets.UTF_8), awkwardMetadata());

        Headers headers = MessageCodec.headers(sent, "kincir-t");
        Message received = MessageCodec.message(headers, sent.payload(), "kincir-t@1");

        assertThat(received.uuid()).isEqualTo(sent.uuid());
        assertThat(received.metadata()).isEqualTo(sent.metadata());
        headers.forEach((key, values) -> {
            assertThat(key).matches("[!-9;-~]+");
            values.forEach(value -> assertThat(value).matches("[ -~]+"));
        });
    }

    @Test
    void awkwardMetadataAndUuidsRoundTripThroughTheServer() throws InterruptedException {
        NatsBackend backend = nats.backend();
        String topic = "metadata-" + System.nanoTime();
        Message sent = Message.of("uuid Grüße 🚀", "payload".getBytes(StandardCharsets.UTF_8), awkwardMetadata());
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, sent);

            Message received = subscriber.receive(Duration.ofSeconds(10)).orElseThrow();

            assertThat(received.uuid()).isEqualTo(sent.uuid());
            Map<String, String> expected = new LinkedHashMap<>(sent.metadata());
            expected.put(MetadataKeys.SEQUENCE, "1");
            assertThat(received.metadata()).isEqualTo(expected);
        }
    }

    @Test
    void aMessageFromAnotherNatsClientKeepsItsHeadersAsMetadata() throws Exception {
        NatsBackend backend = nats.backend();
        String topic = "foreign-" + System.nanoTime();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            Headers headers = new Headers().put("customer", "Alice").put("Nats-Msg-Id", "foreign-1");
            nats.inspector().jetStream().publish(NatsNames.subject(topic), headers,
                    "raw".getBytes(StandardCharsets.UTF_8));

            Message received = subscriber.receive(Duration.ofSeconds(10)).orElseThrow();

            assertThat(received.uuid()).isEqualTo("foreign-1");
            assertThat(received.payloadAsString()).isEqualTo("raw");
            assertThat(received.metadata()).containsEntry("customer", "Alice").doesNotContainKey("Nats-Msg-Id");
        }
    }
}
