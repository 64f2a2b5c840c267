package io.kincir.redis;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Entries a backend's members did not hand out: expired past their {@code _ttl}, or trimmed away by
 * {@code MAXLEN} while they were pending. Counted, and shown by the health reader.
 */
final class SkippedEntries {

    private final LongAdder expired = new LongAdder();
    private final LongAdder trimmed = new LongAdder();

    /**
     * @return whether the message is past its {@code _ttl}, counted from its {@code _published_at} (the
     *     publisher's clock) to now (this machine's clock)
     */
    static boolean hasExpired(Message message) {
        try {
            Optional<Duration> ttl = MetadataKeys.duration(message, MetadataKeys.TTL);
            Optional<String> publishedAt = message.metadata(MetadataKeys.PUBLISHED_AT);
            if (ttl.isEmpty() || publishedAt.isEmpty()) {
                return false;
            }
            return System.currentTimeMillis() - Long.parseLong(publishedAt.get()) > ttl.get().toMillis();
        } catch (IllegalArgumentException e) {
            // Only an entry another program added can hold these unparsed: it is delivered, not dropped.
            return false;
        }
    }

    void expired() {
        expired.increment();
    }

    void trimmed(long count) {
        trimmed.add(count);
    }

    long expiredCount() {
        return expired.sum();
    }

    long trimmedCount() {
        return trimmed.sum();
    }
}
