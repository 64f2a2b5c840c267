package io.kincir.memory;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of one subscriber group on one topic: its members compete for the entries. A lock per
 * group, never one for the broker, so publishers to different topics or groups do not contend, and
 * a publisher takes it once per batch.
 */
final class GroupQueue {

    private static final Member[] NO_MEMBERS = {};

    final Topic topic;
    final String name;
    final boolean durable;
    private final int capacity;
    private final Counters counters;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private int expiring;
    private int wakeCursor;
    private boolean deleted;

    /** Queued plus reserved entries; only kept when the queue is bounded. */
    private final AtomicInteger occupancy = new AtomicInteger();
    private volatile int waitingPublishers;
    private volatile Member[] members = NO_MEMBERS;

    GroupQueue(Topic topic, String name, boolean durable, int capacity, Counters counters) {
        this.topic = topic;
        this.name = name;
        this.durable = durable;
        this.capacity = capacity;
        this.counters = counters;
    }

    int capacity() {
        return capacity;
    }

    /** Claims room for {@code count} entries without waiting; bounded queues only. */
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
        occupancy.addAndGet(-count);
        // Read after the decrement: a publisher registers before re-checking occupancy, so one of
        // the two always sees the other.
        if (waitingPublishers > 0) {
            lock.lock();
            try {
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits until {@code count} entries might fit, or the deadline passes. */
    boolean awaitRoom(int count, long deadline) throws InterruptedException {
        lock.lock();
        try {
            waitingPublishers++;
            try {
                while (occupancy.get() + count > capacity) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || deleted) {
                        return false;
                    }
                    notFull.awaitNanos(remaining);
                }
                return true;
            } finally {
                waitingPublishers--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Appends a batch, room for it already reserved if bounded, and wakes as many members as it needs. */
    void offer(Entry[] batch, long batchBytes, int batchExpiring) {
        int start;
        lock.lock();
        try {
            if (deleted) {
                counters.dropped.add(batch.length);
                return;
            }
            entries.addAll(Arrays.asList(batch));
            bytes += batchBytes;
            expiring += batchExpiring;
            start = wakeCursor++;
        } finally {
            lock.unlock();
        }
        wake(batch.length, start);
    }

    /** Puts entries back at the head, in the given order, whatever the capacity: they were already counted in. */
    void requeue(List<Entry> returned) {
        if (returned.isEmpty()) {
            return;
        }
        int start;
        lock.lock();
        try {
            if (deleted) {
                counters.dropped.add(returned.size());
                return;
            }
            for (int i = returned.size() - 1; i >= 0; i--) {
                Entry entry = returned.get(i);
                entries.addFirst(entry);
                bytes += entry.size;
                if (entry.expires()) {
                    expiring++;
                }
            }
            start = wakeCursor++;
        } finally {
            lock.unlock();
        }
        if (capacity > 0) {
            occupancy.addAndGet(returned.size());
        }
        wake(returned.size(), start);
    }

    /** Takes the next live entry, counting and discarding expired ones on the way; null if none. */
    Entry poll() {
        Entry entry;
        int expired = 0;
        lock.lock();
        try {
            while ((entry = entries.pollFirst()) != null) {
                bytes -= entry.size;
                if (!entry.expires()) {
                    break;
                }
                expiring--;
                if (!entry.expired()) {
                    break;
                }
                expired++;
            }
        } finally {
            lock.unlock();
        }
        if (expired > 0) {
            counters.expired.add(expired);
        }
        if (capacity > 0) {
            int released = expired + (entry == null ? 0 : 1);
            if (released > 0) {
                release(released);
            }
        }
        return entry;
    }

    /** Removes every expired entry; the periodic cleanup. */
    void removeExpired(long now) {
        int removed = 0;
        lock.lock();
        try {
            if (expiring == 0) {
                return;
            }
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (entry.expiredAt(now)) {
                    it.remove();
                    bytes -= entry.size;
                    expiring--;
                    removed++;
                }
            }
        } finally {
            lock.unlock();
        }
        if (removed > 0) {
            counters.expired.add(removed);
            if (capacity > 0) {
                release(removed);
            }
        }
    }

    /** Deletes the queue: what it holds is dropped and counted, later offers are dropped too. */
    void delete() {
        int dropped;
        lock.lock();
        try {
            deleted = true;
            dropped = entries.size();
            entries.clear();
            bytes = 0;
            expiring = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        counters.dropped.add(dropped);
    }

    /** Drops what the queue holds, counted, but keeps the queue: a forced shutdown. */
    void clear() {
        int dropped;
        lock.lock();
        try {
            dropped = entries.size();
            entries.clear();
            bytes = 0;
            expiring = 0;
        } finally {
            lock.unlock();
        }
        counters.dropped.add(dropped);
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    void addMember(Member member) {
        lock.lock();
        try {
            Member[] current = members;
            Member[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = member;
            members = next;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many members are left */
    int removeMember(Member member) {
        lock.lock();
        try {
            Member[] current = members;
            members = Arrays.stream(current).filter(each -> each != member).toArray(Member[]::new);
            return members.length;
        } finally {
            lock.unlock();
        }
    }

    int memberCount() {
        return members.length;
    }

    /** Wakes up to {@code count} waiting members, starting at a rotating position so work spreads. */
    private void wake(int count, int start) {
        Member[] current = members;
        int length = current.length;
        if (length == 0) {
            return;
        }
        int woken = 0;
        for (int i = 0; i < length && woken < count; i++) {
            if (current[Math.floorMod(start + i, length)].wake()) {
                woken++;
            }
        }
    }

    /** Wakes every waiting member, so it notices a shutdown. */
    void wakeAll() {
        for (Member member : members) {
            member.wake();
        }
    }
}
