package io.kincir.spi;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code _ttl} decided as a message is handed out, for a backend whose broker cannot expire messages
 * itself (Kafka, Redis Streams): the receiver skips an expired message, settles it so it never comes
 * back, and counts it.
 */
public final class Expiry {

    private Expiry() {
    }

    /**
     * @param message a received message
     * @param nowMillis this machine's clock, epoch milliseconds
     * @return whether the message is past its {@code _ttl}, counted from its {@code _published_at} (the
     *     publisher's or the broker's clock, so clocks that disagree shift expiry by their difference)
     */
    public static boolean hasExpired(Message message, long nowMillis) {
        if (message.metadata().isEmpty()) {
            return false;
        }
        try {
            Optional<Duration> ttl = MetadataKeys.duration(message, MetadataKeys.TTL);
            if (ttl.isEmpty()) {
                return false;
            }
            Optional<String> publishedAt = message.metadata(MetadataKeys.PUBLISHED_AT);
            if (publishedAt.isEmpty()) {
                return false;
            }
            return nowMillis - Long.parseLong(publishedAt.get()) > ttl.get().toMillis();
        } catch (IllegalArgumentException | ArithmeticException e) {
            // Only a message another program wrote can hold these unparsed: it is delivered, not dropped.
            return false;
        }
    }
}
