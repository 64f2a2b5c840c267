package io.kincir.deadletter;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A message that failed every attempt, as it waits in a dead-letter topic: the message and what the
 * listener container wrote on it.
 *
 * @param message the dead letter, its metadata with {@code _error}, {@code _original_topic},
 *     {@code _attempt} and {@code _dead_lettered_at}
 * @param originalTopic where it was first published and where a replay sends it, or {@code null} if
 *     it does not say (it was not dead-lettered by a listener container)
 * @param error why its last attempt failed, or {@code null}
 * @param attempts how many attempts were made, 0 if it does not say
 * @param deadLetteredAt when it was dead-lettered, or {@code null} if it does not say
 * @param age how long it has waited since, or {@code null} if that is not known
 * @param replayed how many times it was replayed before, 0 for none
 */
public record DeadLetter(Message message, String originalTopic, String error, int attempts, Instant deadLetteredAt,
        Duration age, int replayed) {

    /** @throws NullPointerException if the message is missing */
    public DeadLetter {
        Objects.requireNonNull(message, "message");
    }

    /**
     * @param message a message read from a dead-letter topic
     * @param now the time its age is counted to
     * @return what its metadata says; a value that cannot be read counts as absent
     */
    public static DeadLetter of(Message message, Instant now) {
        Instant deadLetteredAt = epochMillis(message, MetadataKeys.DEAD_LETTERED_AT);
        return new DeadLetter(message, message.metadata().get(MetadataKeys.ORIGINAL_TOPIC),
                message.metadata().get(MetadataKeys.ERROR), count(message, MetadataKeys.ATTEMPT), deadLetteredAt,
                deadLetteredAt == null ? null : Duration.between(deadLetteredAt, now), count(message, MetadataKeys.REPLAYED));
    }

    /** @return the message's uuid, the same as when it was first published */
    public String uuid() {
        return message.uuid();
    }

    /**
     * A dead letter replayed and dead-lettered again keeps its uuid; the replay count tells the two
     * apart, so that removing one never removes the other.
     *
     * @return what identifies this dead letter among those of its topic
     */
    String identity() {
        return message.uuid() + "#" + replayed;
    }

    private static int count(Message message, String key) {
        try {
            return Math.max(0, Integer.parseInt(message.metadata().getOrDefault(key, "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant epochMillis(Message message, String key) {
        String value = message.metadata().get(key);
        try {
            return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
