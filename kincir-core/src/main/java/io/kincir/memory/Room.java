package io.kincir.memory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The room of one group queue against {@code max-queue-size}: queued, claimed and reserved messages
 * all take room, and a publisher waits here for room when the queue is full (back-pressure). A
 * capacity of 0 means unbounded: nothing is counted and nobody waits.
 */
final class Room {

    private final int capacity;
    private final AtomicInteger occupancy = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private volatile int waitingPublishers;
    /** Guarded by {@link #lock}: the queue was deleted, so no room will come. */
    private boolean closed;

    Room(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Claims room for {@code count} messages without waiting; bounded queues only. */
    boolean tryReserve(int count) {
        while (true) {
            int current = occupancy.get();
            if (current + count > capacity) {
                return false;
            }
            if (occupancy.compareAndSet(current, current + count)) {
                return true;
            }
        }
    }

    /** Gives back room; wakes publishers waiting for it. */
    void release(int count) {
        if (capacity == 0) {
            return;
        }
        occupancy.addAndGet(-count);
        // Read after the decrement: a publisher registers before re-checking occupancy, so one of
        // the two always sees the other.
        if (waitingPublishers > 0) {
            lock.lock();
            try {
                freed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Takes room again for messages given back after delivery, whatever the capacity. */
    void retake(int count) {
        if (capacity > 0) {
            occupancy.addAndGet(count);
        }
    }

    /** Waits until {@code count} messages might fit; false if the deadline passes or the queue is deleted. */
    boolean awaitRoom(int count, long deadline) throws InterruptedException {
        lock.lock();
        try {
            waitingPublishers++;
            try {
                while (occupancy.get() + count > capacity) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || closed) {
                        return false;
                    }
                    freed.awaitNanos(remaining);
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
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
