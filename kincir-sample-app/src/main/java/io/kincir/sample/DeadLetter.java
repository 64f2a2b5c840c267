package io.kincir.sample;

import io.kincir.Message;
import java.util.Map;
import java.util.TreeMap;

/**
 * A message that failed every attempt, as {@code GET /dead-letters} shows it.
 *
 * @param uuid the message's uuid, the same as when it was first published
 * @param metadata all its metadata, among them {@code _error}, {@code _original_topic} and {@code _attempt}
 * @param payload its payload as text
 */
record DeadLetter(String uuid, Map<String, String> metadata, String payload) {

    static DeadLetter of(Message message) {
        return new DeadLetter(message.uuid(), new TreeMap<>(message.metadata()), message.payloadAsString());
    }
}
