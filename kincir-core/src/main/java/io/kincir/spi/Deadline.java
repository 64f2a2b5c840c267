package io.kincir.spi;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * When a {@link Receiver#next(Duration)} must give up: the receive loops of every backend count down
 * the same way, including the receive that waits without limit.
 */
public final class Deadline {

    // Far enough to mean "no limit" in practice, near enough that nanoTime arithmetic cannot overflow.
    private static final long LONGEST_NANOS = TimeUnit.DAYS.toNanos(36_500);

    private final long end;
    private final boolean unlimited;

    private Deadline(long end, boolean unlimited) {
        this.end = end;
        this.unlimited = unlimited;
    }

    /**
     * @param timeout how long from now; {@code null} for no limit
     * @return the deadline
     * @throws IllegalArgumentException if the timeout is negative
     */
    public static Deadline after(Duration timeout) {
        if (timeout == null) {
            return new Deadline(0, true);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        long nanos = timeout.compareTo(Duration.ofNanos(LONGEST_NANOS)) > 0 ? LONGEST_NANOS : timeout.toNanos();
        return new Deadline(System.nanoTime() + nanos, false);
    }

    /** @return nanoseconds left, {@link Long#MAX_VALUE} without a limit; zero or less once passed */
    public long remainingNanos() {
        return unlimited ? Long.MAX_VALUE : end - System.nanoTime();
    }

    /**
     * Takes the head of a queue, waiting for one until the deadline.
     *
     * @param queue the queue
     * @param <T> what it holds
     * @return the head, or {@code null} if none came before the deadline
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public <T> T take(BlockingQueue<T> queue) throws InterruptedException {
        if (unlimited) {
            return queue.take();
        }
        long remaining = remainingNanos();
        return remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
    }
}
