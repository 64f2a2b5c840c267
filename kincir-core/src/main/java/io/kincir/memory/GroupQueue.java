package io.kincir.memory;

import io.kincir.Message;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of one subscriber group on one topic: its members compete for the messages.
 *
 * <p>Built for the hand-off between publisher threads and receiver threads. It has two locks, as
 * {@link java.util.concurrent.LinkedBlockingQueue} has: publishers append under the put lock and
 * members take under the take lock, so a publish and a receive never wait for each other, and a
 * receiver taking message after message finds the take lock in its own CPU's cache. A publish
 * appends its whole batch as one {@link Batch} node, so a publisher locks once per batch and the
 * queue allocates nothing per message. No lock is shared between groups or topics, and there is no
 * lock for the whole broker.
 *
 * <p>Messages a member gives back (nack, or its subscriber closed with them unsettled) wait in a
 * separate list that is taken before the chain. The periodic cleanup, {@link #clear()},
 * {@link #delete()}, {@link #requeue}, {@link #size()} and {@link #bytes()} hold both locks, always the
 * take lock first.
 */
final class GroupQueue {

    private static final Member[] NO_MEMBERS = {};

    final Topic topic;
    final String name;
    final boolean durable;
    private final int capacity;
    private final Counters counters;

    private final ReentrantLock putLock = new ReentrantLock();
    private final Condition notFull = putLock.newCondition();
    private final ReentrantLock takeLock = new ReentrantLock();

    // Guarded by putLock.
    private Batch tail;
    private long addedMessages;
    private long addedBytes;
    private long addedExpiringBatches;
    private int wakeCursor;

    // Guarded by takeLock.
    private Batch head;
    private int headIndex;
    private final ArrayDeque<Entry> returned = new ArrayDeque<>();
    /** Taken or discarded from the chain and the returned list, less what was given back. */
    private long removedMessages;
    private long removedBytes;
    private long removedExpiringBatches;

    /** Written under both locks; volatile so that a member's {@link Claim} notices without locking. */
    private volatile boolean deleted;

    /** Queued plus reserved messages; only kept when the queue is bounded. */
    private final AtomicInteger occupancy = new AtomicInteger();
    private volatile int waitingPublishers;
    private volatile Member[] members = NO_MEMBERS;

    GroupQueue(Topic topic, String name, boolean durable, int capacity, Counters counters) {
        this.topic = topic;
        this.name = name;
        this.durable = durable;
        this.capacity = capacity;
        this.counters = counters;
        this.head = this.tail = Batch.empty();
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
        occupancy.addAndGet(-count);
        // Read after the decrement: a publisher registers before re-checking occupancy, so one of
        // the two always sees the other.
        if (waitingPublishers > 0) {
            putLock.lock();
            try {
                notFull.signalAll();
            } finally {
                putLock.unlock();
            }
        }
    }

    /** Waits until {@code count} messages might fit, or the deadline passes. */
    boolean awaitRoom(int count, long deadline) throws InterruptedException {
        putLock.lock();
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
            putLock.unlock();
        }
    }

    /**
     * Appends a batch, room for it already reserved if bounded, and wakes as many members as it
     * needs. The arrays are shared with the topic's other groups and must not change afterwards.
     *
     * @param deadlines each message's expiry, or null if none expires
     * @param bytes the batch's memory estimate
     */
    void offer(Message[] messages, long[] deadlines, long bytes) {
        Batch batch = new Batch(messages, deadlines, bytes);
        int start;
        putLock.lock();
        try {
            if (deleted) {
                counters.dropped.add(messages.length);
                return;
            }
            tail.next = batch;
            tail = batch;
            addedMessages += messages.length;
            addedBytes += bytes;
            if (deadlines != null) {
                addedExpiringBatches++;
            }
            start = wakeCursor++;
        } finally {
            putLock.unlock();
        }
        wake(messages.length, start);
    }

    /**
     * Takes the next live message, counting and discarding expired ones on the way. A member that
     * may {@link Claim} and is the group's only member takes a run of the head batch at once and
     * gets the first live message of it.
     *
     * @param taker receives the message's deadline in {@link Member#lastDeadline}, and the run
     * @return the message, or null if there is none
     */
    Message poll(Member taker) {
        while (true) {
            Message message = null;
            boolean claimed = false;
            int expired = 0;
            takeLock.lock();
            try {
                while (true) {
                    long deadline;
                    Message candidate;
                    if (!returned.isEmpty()) {
                        Entry entry = returned.pollFirst();
                        removedMessages++;
                        removedBytes += Batch.sizeOf(entry.message());
                        candidate = entry.message();
                        deadline = entry.deadline();
                    } else {
                        Batch batch = head;
                        if (headIndex == batch.count) {
                            Batch next = batch.next;
                            if (next == null) {
                                break;
                            }
                            head = next;
                            headIndex = 0;
                            continue;
                        }
                        int index = headIndex;
                        int run = taker.claim == null || members.length > 1 ? 1 : Math.min(batch.count - index, Claim.MAX);
                        headIndex = index + run;
                        removedMessages += run;
                        if (run > 1) {
                            taker.claim.set(this, batch.messages, batch.deadlines, index, index + run);
                            claimed = true;
                        }
                        candidate = batch.messages[index];
                        deadline = batch.deadline(index);
                        if (headIndex == batch.count) {
                            retire(batch);
                        }
                        if (claimed) {
                            break;
                        }
                    }
                    // Only a message that can expire pays for reading the clock.
                    if (deadline != Batch.NEVER && System.nanoTime() - deadline >= 0) {
                        expired++;
                        continue;
                    }
                    message = candidate;
                    taker.lastDeadline = deadline;
                    break;
                }
            } finally {
                takeLock.unlock();
            }
            if (expired > 0) {
                counters.expired.add(expired);
            }
            if (capacity > 0) {
                int released = expired + (message == null ? 0 : 1);
                if (released > 0) {
                    release(released);
                }
            }
            if (!claimed) {
                return message;
            }
            message = taker.claim.next(taker);
            if (message != null) {
                return message;
            }
            // Everything claimed had expired: look again.
        }
    }

    /** A claimed message was handed out: its room in a bounded queue is free now. */
    void handedOut() {
        if (capacity > 0) {
            release(1);
        }
    }

    /** A claimed message expired before it was handed out. */
    void expiredInClaim() {
        counters.expired.increment();
        if (capacity > 0) {
            release(1);
        }
    }

    /** Claimed messages that will never be handed out: the group was deleted or the broker force-shut down. */
    void dropClaimed(int count) {
        if (count > 0) {
            counters.dropped.add(count);
            if (capacity > 0) {
                release(count);
            }
        }
    }

    boolean isDeleted() {
        return deleted;
    }

    /** A batch whose every message was taken or removed: stop counting it, and let its payloads go. */
    private void retire(Batch batch) {
        removedBytes += batch.bytes;
        if (batch.deadlines != null) {
            removedExpiringBatches++;
        }
        batch.messages = null;
        batch.deadlines = null;
    }

    /**
     * Puts messages back at the head, in the given order, whatever the capacity: they were already
     * counted in.
     *
     * @param occupy whether they take room in a bounded queue again (delivered ones gave theirs up,
     *     claimed ones never did)
     */
    void requeue(List<Entry> entries, boolean occupy) {
        if (entries.isEmpty()) {
            return;
        }
        int start;
        takeLock.lock();
        putLock.lock();
        try {
            if (deleted) {
                counters.dropped.add(entries.size());
                return;
            }
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry entry = entries.get(i);
                returned.addFirst(entry);
                removedMessages--;
                removedBytes -= Batch.sizeOf(entry.message());
            }
            start = wakeCursor++;
        } finally {
            putLock.unlock();
            takeLock.unlock();
        }
        if (capacity > 0 && occupy) {
            occupancy.addAndGet(entries.size());
        }
        wake(entries.size(), start);
    }

    /** Removes every expired message; the periodic cleanup. */
    void removeExpired(long now) {
        int removed = 0;
        takeLock.lock();
        putLock.lock();
        try {
            for (Iterator<Entry> it = returned.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (Batch.expired(entry.deadline(), now)) {
                    it.remove();
                    removedMessages++;
                    removedBytes += Batch.sizeOf(entry.message());
                    removed++;
                }
            }
            if (addedExpiringBatches != removedExpiringBatches) {
                for (Batch batch = head; batch != null; batch = batch.next) {
                    removed += removeExpired(batch, batch == head ? headIndex : 0, now);
                }
            }
        } finally {
            putLock.unlock();
            takeLock.unlock();
        }
        if (removed > 0) {
            counters.expired.add(removed);
            if (capacity > 0) {
                release(removed);
            }
        }
    }

    /**
     * Replaces a batch's untaken messages from {@code from} on by the live ones among them. The
     * arrays are shared with other groups, so the survivors go into new ones. Caller holds both locks.
     */
    private int removeExpired(Batch batch, int from, long now) {
        if (batch.deadlines == null || from == batch.count) {
            return 0;
        }
        int live = 0;
        for (int i = from; i < batch.count; i++) {
            if (!Batch.expired(batch.deadlines[i], now)) {
                live++;
            }
        }
        int expired = batch.count - from - live;
        if (expired == 0) {
            return 0;
        }
        Message[] messages = new Message[live];
        long[] deadlines = new long[live];
        long bytes = 0;
        for (int i = from, j = 0; i < batch.count; i++) {
            if (!Batch.expired(batch.deadlines[i], now)) {
                messages[j] = batch.messages[i];
                deadlines[j++] = batch.deadlines[i];
                bytes += Batch.sizeOf(batch.messages[i]);
            }
        }
        removedBytes += batch.bytes - bytes;
        removedMessages += expired;
        batch.messages = messages;
        batch.deadlines = deadlines;
        batch.count = live;
        batch.bytes = bytes;
        if (batch == head) {
            headIndex = 0;
        }
        if (live == 0) {
            retire(batch);
        }
        return expired;
    }

    /** Deletes the queue: what it holds is dropped and counted, later offers are dropped too. */
    void delete() {
        takeLock.lock();
        putLock.lock();
        try {
            deleted = true;
            dropAll();
            notFull.signalAll();
        } finally {
            putLock.unlock();
            takeLock.unlock();
        }
    }

    /** Drops what the queue holds, counted, but keeps the queue: a forced shutdown. */
    void clear() {
        takeLock.lock();
        putLock.lock();
        try {
            dropAll();
        } finally {
            putLock.unlock();
            takeLock.unlock();
        }
    }

    /** Caller holds both locks. */
    private void dropAll() {
        counters.dropped.add(addedMessages - removedMessages);
        head = tail = Batch.empty();
        headIndex = 0;
        returned.clear();
        removedMessages = addedMessages;
        removedBytes = addedBytes;
        removedExpiringBatches = addedExpiringBatches;
    }

    /** @return messages queued, those claimed by a member but not handed out included */
    int size() {
        takeLock.lock();
        putLock.lock();
        try {
            long claimed = 0;
            for (Member member : members) {
                if (member.claim != null) {
                    claimed += member.claim.left(this);
                }
            }
            return (int) (addedMessages - removedMessages + claimed);
        } finally {
            putLock.unlock();
            takeLock.unlock();
        }
    }

    long bytes() {
        takeLock.lock();
        putLock.lock();
        try {
            return addedBytes - removedBytes;
        } finally {
            putLock.unlock();
            takeLock.unlock();
        }
    }

    void addMember(Member member) {
        putLock.lock();
        try {
            Member[] current = members;
            Member[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = member;
            members = next;
        } finally {
            putLock.unlock();
        }
    }

    /** @return how many members are left */
    int removeMember(Member member) {
        putLock.lock();
        try {
            Member[] current = members;
            members = Arrays.stream(current).filter(each -> each != member).toArray(Member[]::new);
            return members.length;
        } finally {
            putLock.unlock();
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
