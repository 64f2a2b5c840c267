package io.kincir.listener;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a {@link ListenerContainer} tries to handle a message, and how long it waits between
 * attempts: exponential back-off from {@code initialBackoff}, multiplied by {@code multiplier} after
 * each failure, never more than {@code maxBackoff}. Immutable.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("Back-off durations must not be negative, were initial=" + initialBackoff
                    + ", max=" + maxBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("The back-off multiplier must be a finite number of at least 1.0, was "
                    + multiplier);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("The maximum back-off (" + maxBackoff
                    + ") must not be shorter than the initial back-off (" + initialBackoff + ")");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.multiplier = multiplier;
        this.maxBackoff = maxBackoff;
    }

    /** @return 3 attempts, waiting 1s, then 2s (initial 1s, multiplier 2.0, at most 10s) */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** @return a single attempt: a failure goes straight to the dead-letter topic */
    public static RetryPolicy noRetries() {
        return DEFAULTS.withMaxAttempts(1);
    }

    /**
     * @param maxAttempts how many attempts in all, at least 1
     * @param initialBackoff the wait after the first failure
     * @param multiplier what each wait is multiplied by for the next, at least 1.0
     * @param maxBackoff the longest wait, not shorter than {@code initialBackoff}
     * @return the policy
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public static RetryPolicy of(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff);
    }

    /**
     * @param maxAttempts how many attempts in all, at least 1
     * @return a copy with that many attempts
     */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff);
    }

    /**
     * @param initial the wait after the first failure
     * @param multiplier what each wait is multiplied by for the next
     * @param max the longest wait
     * @return a copy with that back-off
     */
    public RetryPolicy withBackoff(Duration initial, double multiplier, Duration max) {
        return new RetryPolicy(maxAttempts, initial, multiplier, max);
    }

    /** @return how many attempts in all */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the wait after the first failure */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** @return what each wait is multiplied by for the next */
    public double multiplier() {
        return multiplier;
    }

    /** @return the longest wait */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * @param failedAttempt the attempt that just failed, from 1
     * @return how long to wait before the next attempt
     */
    public Duration backoffAfter(int failedAttempt) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that && maxAttempts == that.maxAttempts
                && Double.compare(multiplier, that.multiplier) == 0 && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, multiplier, maxBackoff);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + "]";
    }
}
