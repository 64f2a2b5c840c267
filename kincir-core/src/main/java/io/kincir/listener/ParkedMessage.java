package io.kincir.listener;

import io.kincir.Message;
import java.time.Instant;

/**
 * A message that failed every attempt and whose dead letter could not be published either, however
 * often the container tried: acknowledged, so that it no longer blocks the messages behind it, and
 * kept by its {@link ListenerContainer} for an operator ({@link ListenerContainer#parked()}). Parked
 * messages live in the process's memory only; the ERROR log line written when one is parked is the
 * lasting record.
 *
 * @param message the message as received, without {@code _error}
 * @param topic the topic it came from
 * @param reason why its dead letter could not be published, the last time it was tried
 * @param failure why handling it failed, the last time
 * @param parkedAt when it was parked
 */
public record ParkedMessage(Message message, String topic, String reason, String failure, Instant parkedAt) {
}
