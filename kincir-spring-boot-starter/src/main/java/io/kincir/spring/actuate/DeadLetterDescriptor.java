package io.kincir.spring.actuate;

import io.kincir.deadletter.DeadLetter;
import java.util.Map;
import java.util.TreeMap;

/**
 * One dead letter, as {@code /actuator/kincir/dead-letters/{topic}} shows it.
 *
 * @param uuid the message's uuid, the same as when it was first published; what a replay or purge names
 * @param originalTopic the topic a replay sends it to, or null
 * @param error why its last attempt failed, or null
 * @param attempts how many attempts were made
 * @param deadLetteredAt when it was dead-lettered (ISO-8601), or null
 * @param age how long it has waited since (ISO-8601 duration), or null
 * @param replayed how many times it was replayed before
 * @param metadata all its metadata, sorted by key
 * @param payload its payload as UTF-8 text
 */
public record DeadLetterDescriptor(String uuid, String originalTopic, String error, int attempts,
        String deadLetteredAt, String age, int replayed, Map<String, String> metadata, String payload) {

    static DeadLetterDescriptor of(DeadLetter deadLetter) {
        return new DeadLetterDescriptor(deadLetter.uuid(), deadLetter.originalTopic(), deadLetter.error(),
                deadLetter.attempts(), deadLetter.deadLetteredAt() == null ? null : deadLetter.deadLetteredAt().toString(),
                deadLetter.age() == null ? null : deadLetter.age().toString(), deadLetter.replayed(),
                new TreeMap<>(deadLetter.message().metadata()), deadLetter.message().payloadAsString());
    }
}
