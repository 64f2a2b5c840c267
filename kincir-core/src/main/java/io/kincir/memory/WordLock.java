package io.kincir.memory;

import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock that is one {@code long} field of the object it guards, placed on the cache line of the
 * fields written under it, so that taking the lock brings them along. It is taken by
 * compare-and-set and let go by a release store. Releasing a {@link java.util.concurrent.locks.ReentrantLock}
 * is a volatile write, whose fence made the holder wait for lines that the other side of the queue
 * keeps reading; and a thread that queued for it parked, so that the one letting it go had to wake
 * it: four publishers on one queue spent most of their time doing that.
 *
 * <p>Held for nanoseconds, so a waiter spins, then yields, then sleeps {@value #SLEEP_NANOS} ns at a
 * time: only a walk over a whole queue (the periodic cleanup, a size or byte count) holds it long.
 * Not reentrant, not fair, and a waiter is not interrupted. The word's {@link VarHandle} is passed
 * in from a constant of the guarded class, so that the compiler sees a constant once this inlines.
 */
final class WordLock {

    /**
     * Few: with more threads than CPUs, the holder may be waiting for this CPU. Four publishers to a
     * group of two on two CPUs moved about 10 M single messages a second spinning 100 times, about
     * 12.5 M spinning 10 times, and no more spinning twice.
     */
    private static final int SPINS = 10;
    private static final int YIELDS = 100;
    private static final long SLEEP_NANOS = 50_000;

    private WordLock() {
    }

    /** Takes the lock whose word {@code word} is, in {@code owner}. */
    static void lock(VarHandle word, Object owner) {
        int tries = 0;
        while ((long) word.getOpaque(owner) != 0 || !word.compareAndSet(owner, 0L, 1L)) {
            tries++;
            if (tries < SPINS) {
                Thread.onSpinWait();
            } else if (tries < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(owner, SLEEP_NANOS);
            }
        }
    }

    /** Lets the lock go: what was written under it is seen by the next holder, with no fence here. */
    static void unlock(VarHandle word, Object owner) {
        word.setRelease(owner, 0L);
    }
}
