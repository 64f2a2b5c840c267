package io.kincir.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Kincir's own Redis settings (in Spring Boot, {@code kincir.redis.*}): how a {@link RedisBackend}
 * names its keys, trims its streams, reads and reclaims entries. Host, password, TLS and timeouts
 * belong to the Lettuce client instead ({@code spring.data.redis.*}).
 *
 * @param keyPrefix put before every key the backend uses, such as {@code kincir:}; not blank
 * @param maxLength most entries a topic's stream keeps ({@code XADD … MAXLEN ~}); 0 keeps every entry.
 *     Trimming ignores consumer groups, so it can delete entries no group has read yet
 * @param readCount most entries one read takes per stream: a member holds up to this many before the
 *     application receives them
 * @param blockTime longest wait of one blocking read ({@code XREADGROUP … BLOCK}); a receive that waits
 *     longer reads again, reclaiming entries in between
 * @param claimInterval how often a member looks for entries left pending too long by another member
 * @param claimIdleTime how long an entry stays pending with one member before another may take it
 *     ({@code XAUTOCLAIM}): longer than the slowest handler, or its entries are delivered twice. What a
 *     member read ahead stays its own while each handler takes less than half of it
 * @param idleConsumerTimeout how long a consumer name with no pending entry may stay idle before it is
 *     deleted from its group
 * @param delayCheckInterval how often delayed messages that fell due are moved into their streams
 */
public record RedisSettings(String keyPrefix, long maxLength, int readCount, Duration blockTime,
        Duration claimInterval, Duration claimIdleTime, Duration idleConsumerTimeout, Duration delayCheckInterval) {

    private static final RedisSettings DEFAULTS = new RedisSettings("kincir:", 0, 100, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMillis(100));

    /**
     * @throws IllegalArgumentException if the prefix is blank or contains a brace, a length or count is
     *     negative, or a time is under 1ms
     */
    public RedisSettings {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (keyPrefix.isBlank() || keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
            throw new IllegalArgumentException("keyPrefix must not be blank nor contain braces (they delimit the "
                    + "topic in every key), was '" + keyPrefix + "'");
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be 0 (no trimming) or more, was " + maxLength);
        }
        if (readCount < 1) {
            throw new IllegalArgumentException("readCount must be at least 1, was " + readCount);
        }
        requirePositive("blockTime", blockTime);
        requirePositive("claimInterval", claimInterval);
        requirePositive("claimIdleTime", claimIdleTime);
        requirePositive("idleConsumerTimeout", idleConsumerTimeout);
        requirePositive("delayCheckInterval", delayCheckInterval);
    }

    /**
     * @return prefix {@code kincir:}, no trimming, 100 entries per read, 1 s blocking reads, a look for
     *     abandoned entries every 5 s taking those pending for 1 min, idle consumer names deleted after
     *     1 h, delayed messages moved every 100 ms
     */
    public static RedisSettings defaults() {
        return DEFAULTS;
    }

    /** @param keyPrefix see {@link #keyPrefix()} @return a copy with it */
    public RedisSettings withKeyPrefix(String keyPrefix) {
        return new RedisSettings(keyPrefix, maxLength, readCount, blockTime, claimInterval, claimIdleTime,
                idleConsumerTimeout, delayCheckInterval);
    }

    /** @param maxLength see {@link #maxLength()} @return a copy with it */
    public RedisSettings withMaxLength(long maxLength) {
        return new RedisSettings(keyPrefix, maxLength, readCount, blockTime, claimInterval, claimIdleTime,
                idleConsumerTimeout, delayCheckInterval);
    }

    /** @param readCount see {@link #readCount()} @return a copy with it */
    public RedisSettings withReadCount(int readCount) {
        return new RedisSettings(keyPrefix, maxLength, readCount, blockTime, claimInterval, claimIdleTime,
                idleConsumerTimeout, delayCheckInterval);
    }

    /** @param blockTime see {@link #blockTime()} @return a copy with it */
    public RedisSettings withBlockTime(Duration blockTime) {
        return new RedisSettings(keyPrefix, maxLength, readCount, blockTime, claimInterval, claimIdleTime,
                idleConsumerTimeout, delayCheckInterval);
    }

    /**
     * @param claimInterval see {@link #claimInterval()}
     * @param claimIdleTime see {@link #claimIdleTime()}
     * @return a copy with them
     */
    public RedisSettings withClaims(Duration claimInterval, Duration claimIdleTime) {
        return new RedisSettings(keyPrefix, maxLength, readCount, blockTime, claimInterval, claimIdleTime,
                idleConsumerTimeout, delayCheckInterval);
    }

    /** @param idleConsumerTimeout see {@link #idleConsumerTimeout()} @return a copy with it */
    public RedisSettings withIdleConsumerTimeout(Duration idleConsumerTimeout) {
        return new RedisSettings(keyPrefix, maxLength, readCount, blockTime, claimInterval, claimIdleTime,
                idleConsumerTimeout, delayCheckInterval);
    }

    /** @param delayCheckInterval see {@link #delayCheckInterval()} @return a copy with it */
    public RedisSettings withDelayCheckInterval(Duration delayCheckInterval) {
        return new RedisSettings(keyPrefix, maxLength, readCount, blockTime, claimInterval, claimIdleTime,
                idleConsumerTimeout, delayCheckInterval);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.toMillis() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1ms, was " + value);
        }
    }
}
