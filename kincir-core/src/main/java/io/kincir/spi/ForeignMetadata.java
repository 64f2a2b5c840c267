package io.kincir.spi;

import io.kincir.MetadataKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the headers of a message that a producer without Kincir sent (a plain {@code KafkaProducer}, an
 * AMQP client, a NATS publish, an {@code XADD}), so that every backend makes the same metadata of them:
 * <ul>
 * <li>a header of a simple type becomes an entry in its string form ({@link #text(Object)}); one of
 * another type (a list, a table) is left out;</li>
 * <li>a header with a conventional name becomes Kincir's key: {@code content-type}, {@code Content-Type}
 * or {@code contentType} becomes {@link MetadataKeys#CONTENT_TYPE}, {@code correlation-id} and its
 * spellings {@link MetadataKeys#CORRELATION_ID}: names are compared ignoring case, {@code -} and
 * {@code _}; Kincir's own key, when the message has it too, wins;</li>
 * <li>a {@code message-id} header (any of those spellings) is the message's id, for its uuid
 * ({@link #uuid(String...)}), not an entry.</li>
 * </ul>
 * A backend reads headers with {@link #header} only for a message without Kincir's own uuid header, and
 * with {@link #verbatim} otherwise, so that the metadata of a Kincir message, {@code Content-Type} keys
 * included, round-trips unchanged.
 *
 * <p>A foreign message is delivered whole, even when its metadata is over the {@link MetadataLimits},
 * which bound what Kincir publishes: should a listener dead-letter it, that publish is refused, and
 * the listener container parks the message (counted, logged, kept for an operator), so its consumer
 * never stalls on it.
 *
 * <p>Not thread-safe: one instance reads one message.
 */
public final class ForeignMetadata {

    private final Map<String, String> metadata = new HashMap<>();
    private String messageId;

    /**
     * Adds a header as the foreign producer named it.
     *
     * @param name the header's name
     * @param value its value, of any type the client gives ({@code byte[]} is read as UTF-8)
     * @return this
     */
    public ForeignMetadata header(String name, Object value) {
        String text = text(value);
        if (text == null) {
            return this;
        }
        switch (normalized(name)) {
            case "contenttype" -> conventional(name, MetadataKeys.CONTENT_TYPE, text);
            case "correlationid" -> conventional(name, MetadataKeys.CORRELATION_ID, text);
            case "messageid" -> messageId = messageId == null ? text : messageId;
            default -> metadata.put(name, text);
        }
        return this;
    }

    /**
     * Adds a header under its own name, for a broker whose headers are Kincir's metadata as they are
     * (AMQP's, where a message's content type and correlation id have {@linkplain #property properties}).
     *
     * @param name the header's name
     * @param value its value, of any type the client gives
     * @return this
     */
    public ForeignMetadata verbatim(String name, Object value) {
        String text = text(value);
        if (text != null) {
            metadata.put(name, text);
        }
        return this;
    }

    /**
     * Adds a broker's own property that stands for a Kincir key, such as AMQP's {@code content-type}; a
     * header with the key itself wins.
     *
     * @param key Kincir's key, one of {@link MetadataKeys}
     * @param value the property's value, or null if the message has none
     * @return this
     */
    public ForeignMetadata property(String key, Object value) {
        String text = text(value);
        if (text != null && !text.isEmpty()) {
            metadata.putIfAbsent(key, text);
        }
        return this;
    }

    /** @return the metadata read so far: this instance's own mutable map, for the message it reads */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** @return the value of a {@code message-id} header, or null if there was none */
    public String messageId() {
        return messageId;
    }

    /**
     * @param value a header's value
     * @return its string form: text as it is, {@code byte[]} as UTF-8, numbers as Java writes them
     *     ({@link BigDecimal} without an exponent), booleans as {@code true}/{@code false}, a date or time
     *     as ISO-8601, null as the empty string; null for a value of another type (a list, a map), which
     *     is not metadata
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof UUID || value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return null;
    }

    /**
     * Chooses a message's uuid: Kincir's own, else the broker's id of the message, else its position,
     * so that a redelivery carries the same uuid wherever the broker gives one.
     *
     * @param ids the candidates, best first; null or blank ones are passed over
     * @return the first candidate that is not blank, or a random UUID if none is
     */
    public static String uuid(String... ids) {
        for (String id : ids) {
            if (id != null && !id.isBlank()) {
                return id;
            }
        }
        return UUID.randomUUID().toString();
    }

    private void conventional(String name, String key, String text) {
        if (name.equals(key)) {
            metadata.put(key, text);
        } else {
            metadata.putIfAbsent(key, text);
        }
    }

    private static String normalized(String name) {
        if (name.length() > 16) {
            return name;
        }
        StringBuilder normalized = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '-' && c != '_') {
                normalized.append(c);
            }
        }
        return normalized.toString().toLowerCase(Locale.ROOT);
    }
}
