package io.kincir;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Metadata keys that Kincir reads or writes. Applications may read them; they set only those marked
 * as settable.
 */
public final class MetadataKeys {

    /** Per-topic position, {@code 1, 2, 3…} in publish order, added by a backend that keeps order. */
    public static final String SEQUENCE = "_sequence";

    /** Epoch milliseconds at which the message was published, where the backend records it. */
    public static final String PUBLISHED_AT = "_published_at";

    /**
     * Settable: how long the message may wait to be delivered, as an ISO-8601 duration such as
     * {@code PT30S}; an older message is never delivered.
     */
    public static final String TTL = "_ttl";

    /**
     * Settable: deliver the message no earlier than this ISO-8601 duration (such as {@code PT5S})
     * after it was published.
     */
    public static final String DELAY = "_delay";

    /**
     * Settable: the message's priority, an integer from {@value #MIN_PRIORITY} to {@value #MAX_PRIORITY};
     * higher goes first. Among messages waiting in a group's queue, one of higher priority is handed out
     * before those of lower priority; a message without it has priority {@value #MIN_PRIORITY}. It never
     * changes {@link #SEQUENCE}, which stays the publish order. Ten levels, as RabbitMQ recommends for
     * its priority queues (each level costs it a queue of its own).
     */
    public static final String PRIORITY = "_priority";

    /** The lowest {@link #PRIORITY}, that of a message without one. */
    public static final int MIN_PRIORITY = 0;

    /** The highest {@link #PRIORITY}. */
    public static final int MAX_PRIORITY = 9;

    /** How many times a listener has tried to handle the message, from 1. */
    public static final String ATTEMPT = "_attempt";

    /** On a dead-lettered message: why the last attempt failed. */
    public static final String ERROR = "_error";

    /** On a dead-lettered message: the topic it was first published to. */
    public static final String ORIGINAL_TOPIC = "_original_topic";

    /**
     * On a dead-lettered message: epoch milliseconds at which the listener container published it to
     * the dead-letter topic; a dead letter's age is counted from it.
     */
    public static final String DEAD_LETTERED_AT = "_dead_lettered_at";

    /**
     * On a message replayed from a dead-letter topic: how many times it was replayed, from 1; a replayed
     * message that fails again is dead-lettered with it, so the next replay counts on.
     */
    public static final String REPLAYED = "_replayed";

    /** On a message replayed from a dead-letter topic: epoch milliseconds at which it was replayed. */
    public static final String REPLAYED_AT = "_replayed_at";

    /** Settable: the topic a reply should be published to (request/response). */
    public static final String REPLY_TO = "reply_to";

    /** Settable: ties a reply to its request. */
    public static final String CORRELATION_ID = "correlation_id";

    /**
     * Settable: the W3C trace context of the span that published the message. The Spring Boot starter
     * writes it when tracing is on; a message published outside any observation keeps the one it
     * carries. Up to its standard 55 bytes it does not count towards the metadata limits
     * ({@link io.kincir.spi.MetadataLimits}).
     */
    public static final String TRACEPARENT = "traceparent";

    /** Settable: W3C trace context's vendor-specific part, written with {@link #TRACEPARENT} when there is one. */
    public static final String TRACESTATE = "tracestate";

    /** Settable: W3C baggage, written with {@link #TRACEPARENT} when the application propagates baggage fields. */
    public static final String BAGGAGE = "baggage";

    /** Settable: messages with the same key keep their order where a backend partitions (Kafka record key). */
    public static final String PARTITION_KEY = "partition_key";

    /** The payload's media type, such as {@code application/json}, set by the Spring template. */
    public static final String CONTENT_TYPE = "content_type";

    private MetadataKeys() {
    }

    /**
     * Reads {@link #PRIORITY}, so every backend accepts and refuses the same values.
     *
     * @param message the message
     * @return the priority, or {@value #MIN_PRIORITY} if the message has none
     * @throws IllegalArgumentException if the value is not an integer from {@value #MIN_PRIORITY} to
     *     {@value #MAX_PRIORITY}; the message names the key, the value and the message
     */
    public static int priority(Message message) {
        String value = message.metadata().get(PRIORITY);
        if (value == null) {
            return MIN_PRIORITY;
        }
        if (value.length() == 1 && value.charAt(0) >= '0' + MIN_PRIORITY && value.charAt(0) <= '0' + MAX_PRIORITY) {
            return value.charAt(0) - '0';
        }
        throw new IllegalArgumentException("Metadata " + PRIORITY + "='" + value + "' of message " + message.uuid()
                + " is not an integer from " + MIN_PRIORITY + " to " + MAX_PRIORITY + " (higher goes first); nothing "
                + "of the batch was published");
    }

    /**
     * Reads a duration-valued key such as {@link #TTL} or {@link #DELAY}, so every backend accepts and
     * refuses the same values.
     *
     * @param message the message
     * @param key the key
     * @return the duration, or empty if the message has no such key
     * @throws IllegalArgumentException if the value is not a non-negative ISO-8601 duration; the
     *     message names the key, the value and the message
     */
    public static Optional<Duration> duration(Message message, String key) {
        String value = message.metadata().get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative()) {
                throw new DateTimeParseException("negative", value, 0);
            }
            return Optional.of(duration);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Metadata " + key + "='" + value + "' of message " + message.uuid()
                    + " is not a positive ISO-8601 duration such as PT30S; nothing of the batch was published", e);
        }
    }
}
