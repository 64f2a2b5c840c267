package io.kincir.nats;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a received message may be handed out: JetStream 2.9 has neither delayed delivery nor
 * per-message expiry, so both are decided as a message is handed out, against the time the server
 * stored it. A message with {@code _delay} that is not yet due goes back to the server with a
 * negative acknowledgement delayed by what remains; one past its {@code _ttl} is terminated.
 *
 * <p>Both compare the server's clock (the stored time) with this process's clock: clocks that
 * disagree shift delays and expiry by their difference.
 */
final class Schedule {

    private Schedule() {
    }

    /** @return how long the message must still wait, or empty if it is due */
    static Optional<Duration> remainingDelay(Message message, Instant storedAt, Instant now) {
        return valid(message, MetadataKeys.DELAY)
                .map(delay -> Duration.between(now, storedAt.plus(delay)))
                .filter(remaining -> remaining.compareTo(Duration.ZERO) > 0);
    }

    /** @return whether the message waited longer than its {@code _ttl} */
    static boolean expired(Message message, Instant storedAt, Instant now) {
        return valid(message, MetadataKeys.TTL).map(ttl -> now.isAfter(storedAt.plus(ttl))).orElse(false);
    }

    /**
     * A value that another client published unchecked does not stop the message: publishing through
     * Kincir refuses it, and a receiver has no one to tell.
     */
    private static Optional<Duration> valid(Message message, String key) {
        if (message.metadata().isEmpty()) {
            return Optional.empty();
        }
        try {
            return MetadataKeys.duration(message, key);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
