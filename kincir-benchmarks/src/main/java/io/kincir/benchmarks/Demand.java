package io.kincir.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets a push consumer (a listener method, an {@code amqp-client} consumer) handle a message only
 * when the benchmark asks for it: the consumer thread blocks in {@link #take(int)} until then, so a
 * backlog can be published first and then drained, timed. Used by one waiting thread.
 */
final class Demand {

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Semaphore permits = new Semaphore(0);
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong handledBytes = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;
    private volatile boolean released;

    /**
     * Called by the consumer for each message: waits until the message is asked for, then counts it.
     * For a consumer whose message is settled after it returns (a listener method).
     *
     * @return false once {@link #releaseAll()} ran: the consumer is being shut down and should not settle it
     */
    boolean take(int payloadBytes) {
        if (!awaitTurn()) {
            return false;
        }
        took(payloadBytes);
        return true;
    }

    /**
     * Waits until the next message is asked for. A consumer that settles the message itself calls
     * {@link #took(int)} once it has, so that the waiting thread never sees a message counted whose
     * acknowledgement is still to be sent.
     *
     * @return false once {@link #releaseAll()} ran: the consumer is being shut down and should not settle it
     */
    boolean awaitTurn() {
        permits.acquireUninterruptibly();
        return !released;
    }

    /** Counts a message handled after {@link #awaitTurn()}. */
    void took(int payloadBytes) {
        handledBytes.addAndGet(payloadBytes);
        if (handled.incrementAndGet() == target) {
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Asks for {@code count} more messages and waits until the consumer took them.
     *
     * @return their payload bytes
     * @throws IllegalStateException if they were not all taken within 60 seconds
     */
    long awaitTaken(int count) {
        long bytesBefore = handledBytes.get();
        waiter = Thread.currentThread();
        target = handled.get() + count;
        permits.release(count);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (handled.get() < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("The consumer took " + (count - (target - handled.get())) + " of "
                        + count + " messages asked for in 60 s");
            }
            LockSupport.parkNanos(this, left);
        }
        return handledBytes.get() - bytesBefore;
    }

    /** @return the messages taken so far */
    long taken() {
        return handled.get();
    }

    /** Lets every blocked or later {@link #take(int)} return at once, so that consumers can stop. */
    void releaseAll() {
        released = true;
        permits.release(Integer.MAX_VALUE / 2);
    }
}
