package io.kincir.memory;

import io.kincir.Message;
import java.util.Map;

/**
 * A message in the broker's queues. One entry is shared by every group queue of a topic, so fan-out
 * adds no allocation per group.
 */
final class Entry {

    /** Rough bytes of an entry and its message beyond payload and metadata text, for the memory estimate. */
    static final int OVERHEAD_BYTES = 96;

    /** Replaced once, with a sequenced copy, before the entry is shared (see {@link Topic#sequence}). */
    Message message;
    private final long expiresAt;
    private final boolean expires;
    final int size;

    Entry(Message message, long expiresAt, boolean expires) {
        this.message = message;
        this.expiresAt = expiresAt;
        this.expires = expires;
        this.size = sizeOf(message);
    }

    boolean expires() {
        return expires;
    }

    boolean expired() {
        return expires && System.nanoTime() - expiresAt >= 0;
    }

    boolean expiredAt(long now) {
        return expires && now - expiresAt >= 0;
    }

    private static int sizeOf(Message message) {
        int size = OVERHEAD_BYTES + message.payload().length;
        Map<String, String> metadata = message.metadata();
        if (!metadata.isEmpty()) {
            for (Map.Entry<String, String> item : metadata.entrySet()) {
                size += 2 * (item.getKey().length() + item.getValue().length()) + 32;
            }
        }
        return size;
    }
}
