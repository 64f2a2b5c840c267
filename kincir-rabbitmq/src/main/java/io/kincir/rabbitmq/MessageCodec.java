package io.kincir.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.spi.ForeignMetadata;
import io.kincir.spi.Utf8;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps a {@link Message} to an AMQP message and back: uuid ↔ message id, metadata ↔ headers, payload
 * ↔ body; {@code content_type} and {@code correlation_id} also as the AMQP properties of those names.
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
                .contentType(message.metadata().get(MetadataKeys.CONTENT_TYPE))
                .correlationId(correlationId(message));
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
     * @return the message's {@code correlation_id} for the AMQP property, or null if it has none or it is
     *     longer than the property, a short string, takes; its header carries it all the same
     */
    private static String correlationId(Message message) {
        String correlationId = message.metadata().get(MetadataKeys.CORRELATION_ID);
        return correlationId == null || Utf8.length(correlationId) > MessageLimits.MAX_SHORT_STRING_BYTES ? null
                : correlationId;
    }

    /**
     * Rebuilds the message. Headers of a simple type become metadata in their string form
     * ({@link ForeignMetadata#text(Object)}, an AMQP long string as UTF-8); headers of another type (such
     * as RabbitMQ's {@code x-death} list) and the {@code x-first-death-*} / {@code x-last-death-*}
     * headers the broker adds when it dead-letters (as it does at the end of a delay) are not metadata
     * and are left out. The {@code content-type} and {@code correlation-id} properties of a message from
     * another producer become {@code content_type} and {@code correlation_id} unless a header of that
     * name says otherwise; a message without a message id gets a random uuid.
     */
    static Message message(AMQP.BasicProperties properties, byte[] body) {
        ForeignMetadata metadata = new ForeignMetadata();
        Map<String, Object> headers = properties.getHeaders();
        if (headers != null) {
            headers.forEach((key, value) -> {
                if (isMetadata(key)) {
                    metadata.verbatim(key, value instanceof LongString text ? text.getBytes() : value);
                }
            });
        }
        metadata.property(MetadataKeys.CONTENT_TYPE, properties.getContentType())
                .property(MetadataKeys.CORRELATION_ID, properties.getCorrelationId());
        return Message.of(ForeignMetadata.uuid(properties.getMessageId()), body, metadata.metadata());
    }

    private static boolean isMetadata(String header) {
        return !header.startsWith("x-first-death-") && !header.startsWith("x-last-death-");
    }
}
