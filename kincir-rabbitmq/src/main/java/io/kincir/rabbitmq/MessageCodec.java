package io.kincir.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Maps a {@link Message} to an AMQP message and back: uuid ↔ message id, metadata ↔ headers, payload
 * ↔ body.
 */
final class MessageCodec {

    private static final int PERSISTENT = 2;
    private static final int TRANSIENT = 1;

    private MessageCodec() {
    }

    /**
     * @param message the message
     * @param persistent whether the broker writes it to disk in durable queues
     * @param expirationMillis per-message TTL, or 0 for none
     * @throws IllegalArgumentException if its {@code _priority} is not an integer from 0 to 9
     */
    static AMQP.BasicProperties properties(Message message, boolean persistent, long expirationMillis) {
        AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder()
                .messageId(message.uuid())
                .deliveryMode(persistent ? PERSISTENT : TRANSIENT)
                .contentType(message.metadata().get(MetadataKeys.CONTENT_TYPE));
        if (!message.metadata().isEmpty()) {
            properties.headers(new HashMap<>(message.metadata()));
            int priority = MetadataKeys.priority(message);
            if (priority > MetadataKeys.MIN_PRIORITY) {
                properties.priority(priority);
            }
        }
        if (expirationMillis > 0) {
            properties.expiration(Long.toString(expirationMillis));
        }
        return properties.build();
    }

    /**
     * Rebuilds the message. Headers that are not strings (such as RabbitMQ's {@code x-death} list) and
     * the {@code x-first-death-*} / {@code x-last-death-*} headers the broker adds when it dead-letters
     * (as it does at the end of a delay) are not metadata and are left out. A message from another
     * producer without a message id gets a random uuid.
     */
    static Message message(AMQP.BasicProperties properties, byte[] body) {
        String uuid = properties.getMessageId();
        if (uuid == null || uuid.isBlank()) {
            uuid = UUID.randomUUID().toString();
        }
        Map<String, Object> headers = properties.getHeaders();
        if (headers == null || headers.isEmpty()) {
            return Message.of(uuid, body, Map.of());
        }
        Map<String, String> metadata = new HashMap<>(headers.size() * 4 / 3 + 1);
        headers.forEach((key, value) -> {
            if (isMetadata(key)) {
                if (value instanceof LongString text) {
                    metadata.put(key, new String(text.getBytes(), StandardCharsets.UTF_8));
                } else if (value instanceof String text) {
                    metadata.put(key, text);
                }
            }
        });
        return Message.of(uuid, body, metadata);
    }

    private static boolean isMetadata(String header) {
        return !header.startsWith("x-first-death-") && !header.startsWith("x-last-death-");
    }
}
