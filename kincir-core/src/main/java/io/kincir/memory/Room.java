package io.kincir.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The room of one group queue against {@code max-queue-size}: queued, claimed and reserved messages
 * all take room, and a publisher waits here for room when the queue is full (back-pressure). A
 * capacity of 0 means unbounded: nothing is counted and nobody waits.
 *
 * <p>Room taken and room given back are counted apart, so that publishers and receivers never write
 * the same counter: a publisher takes room under its queue's put lock by writing {@code taken}, on a
 * cache line of its own; a receiver gives it back by writing {@code freedByTakers}, on another, under its
 * queue's take lock, or, handing out a message it claimed, by counting it in its own {@link HandOuts}
 * (a message given back otherwise is added to {@link #freed}); and a publisher reads what was given
 * back, which costs a cache miss, only when its last reading says the queue is full.
 */
final class Room extends CacheLines.PaddingAfterFreed {

    private static final VarHandle TAKEN;
    private static final HandOuts[] NO_HAND_OUTS = {};
    /**
     * How long a publisher waiting for room waits at most before it looks again. A member counting a
     * hand-out then reads whether a publisher waits, with no fence between the two (a fence per
     * message is what its own count saves): it may miss one that starts waiting at that moment.
     */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    static {
        try {
            TAKEN = MethodHandles.lookup().findVarHandle(CacheLines.Taken.class, "taken", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freedCondition = lock.newCondition();
    /** Room ever given back; added to by receivers, a cell each, and by publishers undoing a reservation. */
    private final LongAdder freed = new LongAdder();
    /** Members' counts of claimed messages handed out; changed under the queue's put lock. */
    private volatile HandOuts[] handOuts = NO_HAND_OUTS;
    private volatile int waitingPublishers;
    /** Guarded by {@link #lock}: the queue was deleted, so no room will come. */
    private boolean closed;

    Room(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Claims room for {@code count} messages without waiting; bounded queues only. Caller holds the
     * queue's put lock, so room is taken without a compare-and-set. What receivers gave back is read
     * again, a cache miss on lines receivers write for every message, only when the last reading says
     * the batch would not fit: that reading can only overstate what is used, so it is safe, and a
     * queue kept half full by fast publishers costs them no miss per publish.
     */
    boolean tryReserve(int count) {
        long current = taken;
        long used = current - freedSeen + count;
        if (used > capacity) {
            long freedNow = freed();
            freedSeen = freedNow;
            used = current - freedNow + count;
            if (used > capacity) {
                return false;
            }
        }
        TAKEN.setRelease(this, current + count);
        return true;
    }

    private long freed() {
        long sum = freedByTakers + freed.sum();
        for (HandOuts each : handOuts) {
            sum += each.count();
        }
        return sum;
    }

    /**
     * A member that claims joins the queue: from now on its hand-outs count as room given back.
     * Caller holds the queue's put lock.
     */
    void join(Object member) {
        if (capacity > 0) {
            HandOuts[] current = handOuts;
            HandOuts[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = new HandOuts(member);
            handOuts = next;
        }
    }

    /**
     * The member left: what it handed out is added to the room given back for good. Caller holds the
     * queue's put lock, so a publisher taking room, under that lock too, counts it once; one waiting
     * for room may count it twice for a moment, and then only tries again to take room.
     */
    void leave(Object member) {
        HandOuts[] current = handOuts;
        for (int i = 0; i < current.length; i++) {
            if (current[i].member == member) {
                HandOuts[] next = new HandOuts[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, next.length - i);
                handOuts = next;
                release(current[i].count());
                return;
            }
        }
    }

    /** @return the member's count of hand-outs, null if the queue is unbounded or the member never joined */
    HandOuts handOutsOf(Object member) {
        for (HandOuts each : handOuts) {
            if (each.member == member) {
                return each;
            }
        }
        return null;
    }

    /** A member handed out a message it claimed: its room is free now. Called by that member. */
    void handedOut(HandOuts count) {
        if (count == null) {
            release(1);
            return;
        }
        count.add();
        wakePublishers();
    }

    /** Gives back room; wakes publishers waiting for it. The caller holds the queue's take lock. */
    void releaseTaken(int count) {
        if (capacity == 0) {
            return;
        }
        freedByTakers = freedByTakers + count;
        wakePublishers();
    }

    /** Gives back room; wakes publishers waiting for it. */
    void release(long count) {
        if (capacity == 0) {
            return;
        }
        freed.add(count);
        wakePublishers();
    }

    /**
     * Read after the room was given back: a publisher registers as waiting before it looks at the room
     * again, so after an atomic addition or a volatile write one of the two always sees the other.
     * After a hand-out's plain count it may not; a waiting publisher then looks again within
     * {@link #RECHECK_NANOS}.
     */
    private void wakePublishers() {
        if (waitingPublishers > 0) {
            lock.lock();
            try {
                freedCondition.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes room again for messages given back after delivery, whatever the capacity. Caller holds the put lock. */
    void retake(int count) {
        if (capacity > 0) {
            TAKEN.setRelease(this, taken + count);
        }
    }

    /** Waits until {@code count} messages might fit; false if the deadline passes or the queue is deleted. */
    boolean awaitRoom(int count, long deadline) throws InterruptedException {
        lock.lock();
        try {
            waitingPublishers++;
            try {
                while (taken - freed() + count > capacity) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || closed) {
                        return false;
                    }
                    freedCondition.awaitNanos(Math.min(remaining, RECHECK_NANOS));
                }
                return true;
            } finally {
                waitingPublishers--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The queue was deleted: publishers waiting for room give up. */
    void close() {
        lock.lock();
        try {
            closed = true;
            freedCondition.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
