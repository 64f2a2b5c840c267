package io.kincir.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a {@link ListenerContainer} tries to handle a message, how long it waits between
 * attempts, and which failures it retries at all. Immutable.
 *
 * <p>The wait grows exponentially, in Spring Framework 7's terms: {@code delay} after the first
 * failure, multiplied by {@code multiplier} after each further one, never more than
 * {@code maxDelay}; {@code jitter} moves each wait by a random amount, as
 * {@code org.springframework.util.backoff.ExponentialBackOff} does (see {@link #backoffAfter(int)}).
 *
 * <p>Which failures are retried follows Framework 7's {@code RetryPolicy} includes and excludes,
 * the cause chain considered: a failure with a {@linkplain #notRetryable() not-retryable} type
 * anywhere in its chain is not retried; when {@linkplain #retryable() retryable} types are named,
 * only a failure with one of them in its chain is; with neither, every failure is. Whatever they
 * say, a payload that cannot be converted and an {@link UnprocessableMessageException} are never
 * retried: the same message fails the same way every time.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS =
            new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), Duration.ZERO, List.of(), List.of());

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final Duration jitter;
    private final List<Class<? extends Throwable>> retryable;
    private final List<Class<? extends Throwable>> notRetryable;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
            Duration jitter, List<Class<? extends Throwable>> retryable,
            List<Class<? extends Throwable>> notRetryable) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(jitter, "jitter");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("Back-off durations must not be negative, were initial=" + initialBackoff
                    + ", max=" + maxBackoff);
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("The jitter must not be negative, was " + jitter);
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
        this.jitter = jitter;
        this.retryable = exceptionTypes("retryable", retryable);
        this.notRetryable = exceptionTypes("notRetryable", notRetryable);
    }

    /** @return 3 attempts, waiting 1s, then 2s (initial 1s, multiplier 2.0, at most 10s), every failure retried */
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
     * @return the policy, without jitter, retrying every failure
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public static RetryPolicy of(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, Duration.ZERO, List.of(),
                List.of());
    }

    /**
     * @param maxAttempts how many attempts in all, at least 1
     * @return a copy with that many attempts
     */
    public RetryPolicy withMaxAttempts(int maxAttempts) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retryable, notRetryable);
    }

    /**
     * @param initial the wait after the first failure
     * @param multiplier what each wait is multiplied by for the next
     * @param max the longest wait
     * @return a copy with that back-off
     */
    public RetryPolicy withBackoff(Duration initial, double multiplier, Duration max) {
        return new RetryPolicy(maxAttempts, initial, multiplier, max, jitter, retryable, notRetryable);
    }

    /**
     * @param jitter how far a wait may move either way, before it grows with the multiplier; not
     *     negative, zero for none
     * @return a copy with that jitter
     */
    public RetryPolicy withJitter(Duration jitter) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retryable, notRetryable);
    }

    /**
     * @param types the failures to retry, matched anywhere in the cause chain; empty to retry every
     *     failure that is not {@linkplain #notRetryable() not retryable}
     * @return a copy that retries only those
     */
    public RetryPolicy withRetryable(List<Class<? extends Throwable>> types) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, types, notRetryable);
    }

    /**
     * @param types the failures never to retry, matched anywhere in the cause chain; they win over
     *     {@linkplain #retryable() retryable} types
     * @return a copy that dead-letters those after their first attempt
     */
    public RetryPolicy withNotRetryable(List<Class<? extends Throwable>> types) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retryable, types);
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

    /** @return how far a wait may move either way before it grows with the multiplier; zero for none */
    public Duration jitter() {
        return jitter;
    }

    /** @return the failures retried, when not empty: only those */
    public List<Class<? extends Throwable>> retryable() {
        return retryable;
    }

    /** @return the failures never retried */
    public List<Class<? extends Throwable>> notRetryable() {
        return notRetryable;
    }

    /**
     * @param failure what an attempt threw
     * @return whether the types say to try again: no not-retryable type in its cause chain, and a
     *     retryable one there when any are named
     */
    public boolean shouldRetry(Throwable failure) {
        List<Throwable> chain = causeChain(failure);
        if (matchesAny(chain, notRetryable)) {
            return false;
        }
        return retryable.isEmpty() || matchesAny(chain, retryable);
    }

    /**
     * How long to wait after an attempt failed: {@code initialBackoff × multiplier^(failedAttempt−1)},
     * at most {@code maxBackoff}. With a jitter, a random wait within that wait ± jitter × (wait ÷
     * initialBackoff), never shorter than {@code initialBackoff} nor longer than {@code maxBackoff}:
     * the jitter grows with the wait, as in Framework 7's {@code ExponentialBackOff}.
     *
     * @param failedAttempt the attempt that just failed, from 1
     * @return how long to wait before the next attempt
     */
    public Duration backoffAfter(int failedAttempt) {
        return backoffAfter(failedAttempt, jitter.isZero() ? 0.0 : ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param random where in the jitter's range the wait falls, from 0 (the shortest) to below 1
     *     (the longest)
     */
    Duration backoffAfter(int failedAttempt, double random) {
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        double max = maxBackoff.toNanos();
        double wait = Math.min(nanos, max);
        if (jitter.isZero()) {
            return wait >= max ? maxBackoff : Duration.ofNanos((long) wait);
        }
        double growth = initialBackoff.isZero() ? 1.0 : wait / initialBackoff.toNanos();
        double spread = jitter.toNanos() * growth;
        double lowest = Math.max(wait - spread, initialBackoff.toNanos());
        double highest = Math.min(wait + spread, max);
        return Duration.ofNanos((long) (lowest + random * (highest - lowest)));
    }

    private static List<Class<? extends Throwable>> exceptionTypes(String name,
            List<Class<? extends Throwable>> types) {
        Objects.requireNonNull(types, name);
        for (Class<?> type : types) {
            if (type == null || !Throwable.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(name + " names " + (type == null ? "null" : type.getName())
                        + ", which is not an exception type (a Throwable)");
            }
        }
        return List.copyOf(types);
    }

    /** The failure and its causes, each once: a cause chain may loop back on itself. */
    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable next = failure; next != null && seen.add(next); next = next.getCause()) {
            chain.add(next);
        }
        return chain;
    }

    private static boolean matchesAny(List<Throwable> chain, List<Class<? extends Throwable>> types) {
        for (Throwable failure : chain) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(failure)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that && maxAttempts == that.maxAttempts
                && Double.compare(multiplier, that.multiplier) == 0 && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff) && jitter.equals(that.jitter) && retryable.equals(that.retryable)
                && notRetryable.equals(that.notRetryable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, retryable, notRetryable);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", retryable=" + names(retryable)
                + ", notRetryable=" + names(notRetryable) + "]";
    }

    private static List<String> names(List<Class<? extends Throwable>> types) {
        return types.stream().map(Class::getName).toList();
    }
}
