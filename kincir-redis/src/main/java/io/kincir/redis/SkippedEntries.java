package io.kincir.redis;

import java.util.concurrent.atomic.LongAdder;

/**
 * Entries a backend's members did not hand out: expired past their {@code _ttl}
 * ({@link io.kincir.spi.Expiry}), or trimmed away by {@code MAXLEN} while they were pending. Counted, and shown by the health reader.
 */
final class SkippedEntries {

    private final LongAdder expired = new LongAdder();
    private final LongAdder trimmed = new LongAdder();

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
