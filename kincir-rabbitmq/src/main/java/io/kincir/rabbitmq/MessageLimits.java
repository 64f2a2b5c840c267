package io.kincir.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.spi.Utf8;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What AMQP 0-9-1 can carry, checked before anything of a batch is sent. The client library refuses,
 * with an {@link IllegalArgumentException} in the middle of a batch, a message whose id, content type
 * or a header name is longer than a short string (255 bytes of UTF-8;
 * {@link io.kincir.spi.MetadataLimits} keeps header names within it on every backend), or whose
 * properties and headers do not fit in one frame of the size ({@code frame_max}) the connection
 * negotiated: unlike the body, the content header is never split across frames.
 */
final class MessageLimits {

    static final int MAX_SHORT_STRING_BYTES = 255;

    /**
     * More than the fixed part of a content header frame: the frame's own 8 bytes, class, weight, body
     * size and property flags (14), delivery mode, an expiration and the table's length.
     */
    private static final int FIXED_HEADER_BYTES = 64;

    private MessageLimits() {
    }

    /**
     * @param frameMax the frame size the connection negotiated, 0 for no limit
     * @throws PublishException naming the first message AMQP cannot carry, why, and what to do
     */
    static void check(String topic, List<Message> messages, AMQP.BasicProperties[] properties, int frameMax) {
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String refusal = refusal(message, properties[i], frameMax);
            if (refusal != null) {
                throw new PublishException(topic, "Message " + quote(message.uuid()) + " (" + (i + 1) + " of "
                        + messages.size() + ") cannot be published to topic '" + topic + "': " + refusal
                        + ". None of the batch of " + messages.size() + " was published", null);
            }
        }
    }

    /** @return why AMQP cannot carry the message, or null if it can */
    private static String refusal(Message message, AMQP.BasicProperties properties, int frameMax) {
        int idBytes = Utf8.length(message.uuid());
        if (idBytes > MAX_SHORT_STRING_BYTES) {
            return "its message id is " + idBytes + " bytes, and an AMQP message id is at most "
                    + MAX_SHORT_STRING_BYTES + "; give it a shorter uuid";
        }
        Map<String, String> metadata = message.metadata();
        long estimate = FIXED_HEADER_BYTES + idBytes;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            // A header: its name (length byte and text), a type byte, the value (4 length bytes and text).
            // MetadataLimits keeps every name within a short string.
            estimate += 6L + Utf8.length(entry.getKey()) + Utf8.length(entry.getValue());
        }
        String contentType = metadata.get(MetadataKeys.CONTENT_TYPE);
        if (contentType != null) {
            int typeBytes = Utf8.length(contentType);
            if (typeBytes > MAX_SHORT_STRING_BYTES) {
                return "its metadata " + MetadataKeys.CONTENT_TYPE + " is " + typeBytes + " bytes, and an AMQP "
                        + "content type is at most " + MAX_SHORT_STRING_BYTES + "; use a shorter one";
            }
            estimate += 1 + typeBytes;
        }
        if (properties.getCorrelationId() != null) {
            estimate += 1 + Utf8.length(properties.getCorrelationId());
        }
        if (frameMax <= 0 || estimate <= frameMax) {
            return null;
        }
        int size = headerFrameSize(properties);
        if (size <= frameMax) {
            return null;
        }
        return "its id and metadata take " + size + " bytes as AMQP headers, more than the frame_max of " + frameMax
                + " bytes the connection to RabbitMQ negotiated (headers must fit in one frame; only the payload "
                + "is split). Put large data in the payload rather than in metadata, or raise frame_max on the "
                + "server";
    }

    /** @return the exact size of the content header frame, as the client library encodes it */
    private static int headerFrameSize(AMQP.BasicProperties properties) {
        try {
            return properties.toFrame(0, 0).size();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode AMQP properties in memory", e);
        }
    }

    /** @return the text in quotes, shortened when long */
    static String quote(String text) {
        if (text.length() <= 80) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, 40) + "…' (" + Utf8.length(text) + " bytes)";
    }
}
