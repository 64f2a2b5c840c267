package io.kincir.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.conformance.ForeignMessagesConformance;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stream entries from and to a plain {@code XADD} / {@code XREAD}: fields are text here, so a typed header
 * travels as the text of its value; the payload as field {@code payload}, the content type, message id
 * and correlation id as fields {@code content-type}, {@code message-id} and {@code correlation-id}.
 */
class RedisForeignMessagesTest extends ForeignMessagesConformance {

    @RegisterExtension
    static final TestRedis REDIS = new TestRedis();

    @Override
    protected Backend createBackend() {
        return REDIS.backend();
    }

    private String stream(String topic) {
        return ((RedisBackend) backend).settings().keyPrefix() + "{" + topic + "}";
    }

    @Override
    protected void publishForeign(String topic, ForeignMessage message) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("payload", new String(message.payload(), StandardCharsets.UTF_8));
        message.headers().forEach((key, value) -> fields.put(key, value instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value)));
        put(fields, "content-type", message.contentType());
        put(fields, "message-id", message.messageId());
        put(fields, "correlation-id", message.correlationId());
        REDIS.inspector().xadd(stream(topic), fields);
    }

    private static void put(Map<String, String> fields, String field, String value) {
        if (value != null) {
            fields.put(field, value);
        }
    }

    @Override
    protected ForeignReader readForeign(String topic) {
        RedisCommands<String, String> redis = REDIS.inspector();
        String stream = stream(topic);
        List<StreamMessage<String, String>> last = redis.xrevrange(stream, Range.create("-", "+"),
                Limit.from(1));
        String[] after = {last.isEmpty() ? "0-0" : last.get(0).getId()};
        return new ForeignReader() {
            @Override
            public Optional<Found> next(Duration timeout) {
                List<StreamMessage<String, String>> read = redis.xread(XReadArgs.Builder.block(timeout).count(1),
                        XReadArgs.StreamOffset.from(stream, after[0]));
                if (read.isEmpty()) {
                    return Optional.empty();
                }
                after[0] = read.get(0).getId();
                return Optional.of(asDocumented(read.get(0).getBody()));
            }

            @Override
            public void close() {
            }
        };
    }

    /** As docs/redis.md says: fields {@code uuid}, {@code payload}, and {@code m:<key>} for each entry. */
    private static Found asDocumented(Map<String, String> fields) {
        Map<String, String> metadata = new HashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith("m:")) {
                metadata.put(field.substring(2), value);
            }
        });
        return new Found(fields.get("payload").getBytes(StandardCharsets.UTF_8), fields.get("uuid"), metadata);
    }

    @Test
    void anEntryWithoutAnyOfKincirsFieldsArrivesWithItsFieldsAsMetadataAndItsIdAsUuid() throws Exception {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            String id = REDIS.inspector().xadd(stream(topic), Map.of("order", "42", "Content-Type", "text/plain"));

            Message received = receive(subscriber, 1).get(0);

            assertThat(received.uuid()).isEqualTo(topic + "@" + id);
            assertThat(received.payload()).isEmpty();
            assertThat(received.metadata()).containsEntry("order", "42")
                    .containsEntry(MetadataKeys.CONTENT_TYPE, "text/plain")
                    .containsEntry(MetadataKeys.PUBLISHED_AT, id.substring(0, id.indexOf('-')));
        }
    }
}
