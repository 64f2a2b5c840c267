package io.kincir.memory;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.List;

/**
 * The queue of one subscriber group on one topic: its members compete for the messages.
 *
 * <p>Built for the hand-off between publisher threads and receiver threads. It has two locks, as
 * {@link java.util.concurrent.LinkedBlockingQueue} has: publishers append under the put lock and
 * members take under the take lock, so a publish and a receive never wait for each other, and a
 * receiver taking message after message finds the take lock in its own CPU's cache. Each is a
 * {@link WordLock}, a word on the cache line of the fields written under it. Messages wait
 * in a chain of {@link Chunk}s: a publisher locks once per batch and copies its references into the
 * last chunk's free slots, so the queue allocates a node only once per {@link Chunk#SLOTS} single
 * messages, and a taker reads the slots written so far without the put lock. A plain
 * subscriber takes a run of slots at once ({@link Claim}). No lock is shared between groups or
 * topics, and there is no lock for the whole broker. Room in a bounded queue is kept by its
 * {@link Room}.
 *
 * <p>Messages a member gives back (nack, or its subscriber closed with them unsettled) wait in a
 * separate list that is taken before the chain. Messages with a {@code _priority} above the lowest
 * wait in {@link PriorityLanes}, taken after the given-back ones and before the chain. The periodic
 * cleanup, {@link #clear()}, {@link #delete()}, {@link #requeue}, {@link #size()} and
 * {@link #bytes()} hold both locks, always the take lock first.
 */
final class GroupQueue extends CacheLines.PaddingAfterHead {

    private static final Member[] NO_MEMBERS = {};
    private static final VarHandle PUT_LOCK;
    private static final VarHandle TAKE_LOCK;
    private static final VarHandle WAITING_MEMBERS;
    private static final VarHandle APPENDS;

    static {
        try {
            WAITING_MEMBERS = MethodHandles.lookup().findVarHandle(CacheLines.Signals.class, "waitingMembers", int.class);
            APPENDS = MethodHandles.lookup().findVarHandle(CacheLines.Signals.class, "appends", long.class);
            PUT_LOCK = MethodHandles.lookup().findVarHandle(CacheLines.Tail.class, "putLock", long.class);
            TAKE_LOCK = MethodHandles.lookup().findVarHandle(CacheLines.Head.class, "takeLock", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Topic topic;
    final String name;
    final boolean durable;
    final Room room;
    private final Counters counters;

    private final ArrayDeque<Entry> returned = new ArrayDeque<>();
    /** Messages with a {@code _priority}, taken after the returned ones and before the chain; made on first use. */
    private PriorityLanes lanes;

    private volatile Member[] members = NO_MEMBERS;

    GroupQueue(Topic topic, String name, boolean durable, int capacity, Counters counters) {
        this.topic = topic;
        this.name = name;
        this.durable = durable;
        this.room = new Room(capacity);
        this.counters = counters;
        this.head = this.tail = Chunk.empty();
    }

    /** What {@link #offer} did with a batch. */
    enum Outcome {
        /** Appended, or dropped and counted because the queue was deleted: the publish stands. */
        TAKEN,
        /** Refused because the queue was {@linkplain #seal() sealed}; room reserved for the batch was given back. */
        SEALED,
        /** Refused because a bounded queue has no room for the batch; nothing was reserved. */
        FULL
    }

    /**
     * Appends a batch and wakes as many members as it needs. The arrays are shared with the topic's
     * other groups; they are copied, not kept.
     *
     * @param deadlines each message's expiry, or null if none expires
     * @param bytes the batch's memory estimate
     * @param prioritized whether a message of the batch has a {@code _priority} above the lowest
     * @param reserve whether to take room for the batch under the put lock, as the publish to a
     *     topic of one group does; false if it was reserved before (or the queue is unbounded)
     */
    Outcome offer(Message[] messages, long[] deadlines, long bytes, boolean prioritized, boolean reserve) {
        if (prioritized) {
            return offerPrioritized(messages, deadlines, reserve);
        }
        int start;
        WordLock.lock(PUT_LOCK, this);
        try {
            Outcome refused = refuse(messages.length, reserve);
            if (refused != null) {
                return refused;
            }
            appendToChain(messages, deadlines, bytes);
            start = wakeCursor++;
        } finally {
            WordLock.unlock(PUT_LOCK, this);
        }
        if (waitingMembers > 0) {
            wake(messages.length, start);
        }
        return Outcome.TAKEN;
    }

    /**
     * Appends a batch some of whose messages carry a {@code _priority}: those go to their priority's
     * lane, the others to the chain in their order. It holds both locks, as the lanes are the take
     * side's; plain batches never come here.
     */
    private Outcome offerPrioritized(Message[] messages, long[] deadlines, boolean reserve) {
        int start;
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            Outcome refused = refuse(messages.length, reserve);
            if (refused != null) {
                return refused;
            }
            if (lanes == null) {
                lanes = new PriorityLanes();
            }
            int plain = 0;
            for (int i = 0; i < messages.length; i++) {
                int priority = MetadataKeys.priority(messages[i]);
                if (priority > MetadataKeys.MIN_PRIORITY) {
                    lanes.add(priority, new Entry(messages[i], deadlines == null ? Chunk.NEVER : deadlines[i]));
                    addedBytes += Chunk.sizeOf(messages[i]);
                } else {
                    plain++;
                }
            }
            if (plain > 0) {
                appendPlain(messages, deadlines, plain);
            }
            addedMessages += messages.length - plain;
            start = wakeCursor++;
            // A spinning member watches the append count, and a message in a lane is as new as one in the chain.
            countAppend();
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
        wake(messages.length, start);
        return Outcome.TAKEN;
    }

    /**
     * Turns a batch away from a queue that takes no more or has no room, and takes room for it if
     * asked to. Caller holds the put lock.
     *
     * @return null if the queue takes the batch; else what {@link #offer} returns: {@code TAKEN} for a
     *     deleted queue, which drops the batch (counted)
     */
    private Outcome refuse(int count, boolean reserve) {
        if (deleted) {
            counters.dropped.add(count);
            return Outcome.TAKEN;
        }
        if (sealed) {
            if (!reserve) {
                room.release(count);
            }
            return Outcome.SEALED;
        }
        if (reserve && !room.tryReserve(count)) {
            return Outcome.FULL;
        }
        return null;
    }

    /**
     * Takes room for a batch ahead of {@link #offer}, as a publish to several groups does, all or none.
     *
     * @return false if the bounded queue has no room for it
     */
    boolean reserve(int count) {
        WordLock.lock(PUT_LOCK, this);
        try {
            return room.tryReserve(count);
        } finally {
            WordLock.unlock(PUT_LOCK, this);
        }
    }

    /**
     * Copies a batch into the chain: into the last chunk's free slots, then into a new chunk of
     * {@link Chunk#SLOTS} slots, or of the batch's size if larger. Caller holds the put lock.
     *
     * @param bytes the batch's memory estimate
     */
    private void appendToChain(Message[] messages, long[] deadlines, long bytes) {
        int length = messages.length;
        addedMessages += length;
        addedBytes += bytes;
        int done = 0;
        while (done < length) {
            Chunk last = tail;
            int room = last.capacity() - tailCount;
            if (room == 0) {
                Chunk chunk = Chunk.withSlots(Math.max(Chunk.SLOTS, length - done));
                last.link(chunk, tailBytes);
                tail = chunk;
                tailCount = 0;
                tailBytes = 0;
                continue;
            }
            int end = Math.min(length, done + room);
            // A batch split over two chunks: only then is the first part's share of the estimate counted apart.
            long part = end == length ? bytes : Chunk.sizeOf(messages, done, end);
            if (last.append(messages, deadlines, done, end, tailCount)) {
                addedExpiringChunks++;
            }
            tailCount += end - done;
            tailBytes += part;
            bytes -= part;
            done = end;
        }
    }

    /** Appends a prioritized batch's plain messages to the chain. */
    private void appendPlain(Message[] messages, long[] deadlines, int plain) {
        Message[] kept = new Message[plain];
        long[] keptDeadlines = deadlines == null ? null : new long[plain];
        long bytes = 0;
        for (int i = 0, j = 0; i < messages.length; i++) {
            if (MetadataKeys.priority(messages[i]) == MetadataKeys.MIN_PRIORITY) {
                kept[j] = messages[i];
                if (keptDeadlines != null) {
                    keptDeadlines[j] = deadlines[i];
                }
                bytes += Chunk.sizeOf(messages[i]);
                j++;
            }
        }
        appendToChain(kept, keptDeadlines, bytes);
    }

    /**
     * Counts a change to the given-back list or the priority lanes for spinning members, which watch
     * the chain's head slot for the rest. Caller holds both locks. A release write, not a volatile
     * one: a volatile write waits for the cache line that spinning members keep reading to come back.
     * A member that reads the new count sees what was done before it; one about to park does not rely
     * on the count but on {@link #passPublishers()}.
     */
    private void countAppend() {
        APPENDS.setRelease(this, (long) APPENDS.get(this) + 1);
    }

    /**
     * Waits for an append under way to finish, by taking the put lock once. A member calls it after
     * counting itself as waiting and before its last poll: each publisher either finished under the
     * lock before, and the poll sees its batch, or takes the lock after, and then sees the member
     * waiting and wakes it. A chain drained to its last chunk is reset on the way: that chunk still
     * holds the messages it handed out until the head moves past it, and a queue nobody publishes
     * to would keep them.
     */
    void passPublishers() {
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            Chunk chunk = head;
            if (chunk == tail && headIndex > 0 && headIndex == tailCount) {
                chunk.bytes = tailBytes;
                pass(chunk, Chunk.empty());
                tail = head;
                tailCount = 0;
                tailBytes = 0;
            }
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
    }

    /**
     * Takes no more batches: {@link #offer} refuses them from now on. Taking the put lock waits for
     * an append already under way, so a member that seals the queue and then polls it sees every
     * batch the queue ever accepted; a member that finds it empty then has truly drained it.
     */
    void seal() {
        WordLock.lock(PUT_LOCK, this);
        try {
            sealed = true;
        } finally {
            WordLock.unlock(PUT_LOCK, this);
        }
    }

    /**
     * Takes the next live message, counting and discarding expired ones on the way. A member that
     * may {@link Claim} takes a run of the head chunk at once and gets the first live message of it.
     *
     * @param taker receives the message's deadline in {@link Member#lastDeadline}, and the run
     * @return the message, or null if there is none
     */
    Message poll(Member taker) {
        while (true) {
            Message message = null;
            boolean claimed = false;
            int expired = 0;
            WordLock.lock(TAKE_LOCK, this);
            try {
                while (true) {
                    long deadline;
                    Message candidate;
                    if (!returned.isEmpty()) {
                        Entry entry = returned.pollFirst();
                        removedMessages++;
                        removedBytes += Chunk.sizeOf(entry.message());
                        candidate = entry.message();
                        deadline = entry.deadline();
                    } else if (lanes != null && !lanes.isEmpty()) {
                        Entry entry = lanes.poll();
                        removedMessages++;
                        removedBytes += Chunk.sizeOf(entry.message());
                        candidate = entry.message();
                        deadline = entry.deadline();
                    } else {
                        Chunk chunk = head;
                        int index = headIndex;
                        if (!chunk.holds(index)) {
                            Chunk next = chunk.next();
                            if (next == null) {
                                break;
                            }
                            passIfTaken(chunk, next);
                            continue;
                        }
                        int available = taker.claim == null ? 1 : available(chunk, index);
                        int run = taker.claim == null ? 1 : Claim.runLength(available, members.length);
                        if (run == available && run < Claim.SHARED_MAX && taker.claim != null
                                && !chunk.holds(index + run) && chunk.next() != null
                                && claimAcross(taker.claim, chunk, index)) {
                            claimed = true;
                            break;
                        }
                        headIndex = index + run;
                        removedMessages += run;
                        if (run > 1) {
                            taker.claim.set(this, chunk.messages, chunk.deadlines, index, index + run);
                            claimed = true;
                        }
                        candidate = chunk.messages[index];
                        deadline = chunk.deadline(index);
                        if (claimed) {
                            break;
                        }
                    }
                    // Only a message that can expire pays for reading the clock.
                    if (deadline != Chunk.NEVER && System.nanoTime() - deadline >= 0) {
                        expired++;
                        continue;
                    }
                    message = candidate;
                    taker.handedOut(this, deadline);
                    break;
                }
                int released = expired + (message == null ? 0 : 1);
                if (released > 0) {
                    room.releaseTaken(released);
                }
            } finally {
                WordLock.unlock(TAKE_LOCK, this);
            }
            if (expired > 0) {
                counters.expired.add(expired);
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

    /**
     * A member is about to wait: publishers look for waiting members to wake only while some are. The
     * member counts itself, then {@linkplain #passPublishers() passes the publishers} and polls a last
     * time, so that a publisher that finds none waiting appended before that poll.
     */
    void memberWaits() {
        WAITING_MEMBERS.getAndAdd(this, 1);
    }

    /** The member counted by {@link #memberWaits()} is no longer waiting. */
    void memberWaited() {
        WAITING_MEMBERS.getAndAdd(this, -1);
    }

    /** @return a count that changes whenever messages are appended or given back */
    long appends() {
        return appends;
    }

    /**
     * Claims a run that goes on past the head chunk, when what is left of it is less than the
     * member's share of what is queued: a member that keeps up with single-message publishes finds a
     * few messages at a time at the end of a chunk, and would otherwise lock once per message. The
     * run is copied (references only) into the claim's own arrays; a longer run within the head chunk
     * is claimed in place, without copying. Caller holds the take lock; {@code head} is
     * {@code chunk}, {@code headIndex} is {@code index}.
     *
     * @return false, having changed nothing, if the member's share is no more than the head chunk holds
     */
    private boolean claimAcross(Claim claim, Chunk chunk, int index) {
        int share;
        if (members.length <= 1) {
            share = Claim.MAX;
        } else {
            // What is queued, read from the tail's counter without its lock: an estimate is enough for a share.
            long queued = addedMessages - removedMessages;
            share = Claim.runLength((int) Math.min(Claim.MAX, Math.max(0, queued)), members.length);
        }
        if (share <= available(chunk, index)) {
            return false;
        }
        claim.startCopy(this);
        Chunk current = chunk;
        int at = index;
        int taken = 0;
        while (taken < share) {
            if (!current.holds(at)) {
                Chunk next = current.next();
                if (next == null) {
                    break;
                }
                headIndex = at;
                if (passIfTaken(current, next)) {
                    current = next;
                    at = 0;
                }
                continue;
            }
            claim.copy(current.messages[at], current.deadline(at));
            at++;
            taken++;
        }
        head = current;
        headIndex = at;
        removedMessages += taken;
        return true;
    }

    /**
     * Moves the head past a chunk whose every message was taken, once the chunk that follows it is
     * linked: a chunk takes appends until then, so its count is final only once {@code next} is
     * seen, and is read again. Caller holds the take lock; {@code head} is {@code chunk}.
     *
     * @return false if messages were appended to the chunk before the next was linked: take those first
     */
    private boolean passIfTaken(Chunk chunk, Chunk next) {
        if (chunk.holds(headIndex)) {
            return false;
        }
        pass(chunk, next);
        return true;
    }

    /**
     * @return how many messages the head chunk shows from {@code index} on, counted up to what any
     *     member may claim at once; caller holds the take lock
     */
    private int available(Chunk chunk, int index) {
        int limit = members.length <= 1 ? Claim.MAX : Claim.SHARED_MAX * members.length;
        int count = 0;
        while (count < limit && chunk.holds(index + count)) {
            count++;
        }
        return count;
    }

    /**
     * Whether the chain's head shows a message: read without the take lock, so only a hint, for a
     * spinning member deciding whether to poll. It reads the slot a publisher writes next, not a
     * counter of its own: a member that keeps up then shares the slots' cache line with publishers,
     * and no other.
     */
    boolean headShowsMessage() {
        Chunk chunk = head;
        int index = headIndex;
        return chunk.holds(index) || (index >= chunk.capacity() && chunk.next() != null);
    }

    /** Moves the head past a chunk whose every message was taken: stops counting it. Caller holds the take lock. */
    private void pass(Chunk chunk, Chunk next) {
        removedBytes += chunk.bytes;
        if (chunk.deadlines != null) {
            removedExpiringChunks++;
        }
        head = next;
        headIndex = 0;
    }

    /** A claimed message was handed out: its room in a bounded queue is free now. */
    void handedOut(HandOuts count) {
        room.handedOut(count);
    }

    /** A claimed message expired before it was handed out. */
    void expiredInClaim() {
        counters.expired.increment();
        room.release(1);
    }

    /** Claimed messages that will never be handed out: the group was deleted or the broker force-shut down. */
    void dropClaimed(int count) {
        if (count > 0) {
            counters.dropped.add(count);
            room.release(count);
        }
    }

    boolean isDeleted() {
        return deleted;
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
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            if (deleted) {
                counters.dropped.add(entries.size());
                return;
            }
            for (int i = entries.size() - 1; i >= 0; i--) {
                Entry entry = entries.get(i);
                returned.addFirst(entry);
                removedMessages--;
                removedBytes -= Chunk.sizeOf(entry.message());
            }
            start = wakeCursor++;
            countAppend();
            if (occupy) {
                room.retake(entries.size());
            }
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
        if (waitingMembers > 0) {
            wake(entries.size(), start);
        }
    }

    /** Removes every expired message; the periodic cleanup. */
    void removeExpired(long now) {
        int removed = 0;
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            for (Iterator<Entry> it = returned.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (Chunk.expired(entry.deadline(), now)) {
                    it.remove();
                    removedMessages++;
                    removedBytes += Chunk.sizeOf(entry.message());
                    removed++;
                }
            }
            if (lanes != null && !lanes.isEmpty()) {
                removed += lanes.removeExpired(now, entry -> {
                    removedMessages++;
                    removedBytes += Chunk.sizeOf(entry.message());
                });
            }
            if (addedExpiringChunks != removedExpiringChunks) {
                for (Chunk chunk = head; chunk != null; chunk = chunk.next()) {
                    removed += removeExpired(chunk, chunk == head ? headIndex : 0, now);
                }
            }
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
        if (removed > 0) {
            counters.expired.add(removed);
            room.release(removed);
        }
    }

    /** Removes a chunk's expired messages from {@code from} on. Caller holds both locks. */
    private int removeExpired(Chunk chunk, int from, long now) {
        boolean last = chunk == tail;
        if (last) {
            chunk.bytes = tailBytes;
        }
        long bytesBefore = chunk.bytes;
        int expired = chunk.dropExpired(from, last ? tailCount : chunk.capacity(), now);
        if (expired == 0) {
            return 0;
        }
        // The chunk now holds only its live messages, and is full: those taken before from went with it.
        removedBytes += bytesBefore - chunk.bytes;
        removedMessages += expired;
        if (chunk == head) {
            headIndex = 0;
        }
        if (last) {
            tailCount = chunk.capacity();
            tailBytes = chunk.bytes;
        }
        return expired;
    }

    /** Deletes the queue: what it holds is dropped and counted, later offers are dropped too. */
    void delete() {
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            deleted = true;
            dropAll();
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
        room.close();
    }

    /** Drops what the queue holds, counted, but keeps the queue: a forced shutdown. */
    void clear() {
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            dropAll();
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
    }

    /** Caller holds both locks. */
    private void dropAll() {
        counters.dropped.add(addedMessages - removedMessages);
        head = tail = Chunk.empty();
        headIndex = 0;
        tailCount = 0;
        tailBytes = 0;
        returned.clear();
        if (lanes != null) {
            lanes.clear();
        }
        removedMessages = addedMessages;
        removedBytes = addedBytes;
        removedExpiringChunks = addedExpiringChunks;
    }

    /** @return messages queued, those claimed by a member but not handed out included */
    int size() {
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            long claimed = 0;
            for (Member member : members) {
                if (member.claim != null) {
                    claimed += member.claim.left(this);
                }
            }
            return (int) (addedMessages - removedMessages + claimed);
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
    }

    long bytes() {
        WordLock.lock(TAKE_LOCK, this);
        WordLock.lock(PUT_LOCK, this);
        try {
            // The head chunk is counted until the head moves past it, less what was taken of it.
            return addedBytes - removedBytes - Chunk.sizeOf(head.messages, 0, headIndex);
        } finally {
            WordLock.unlock(PUT_LOCK, this);
            WordLock.unlock(TAKE_LOCK, this);
        }
    }

    void addMember(Member member) {
        WordLock.lock(PUT_LOCK, this);
        try {
            Member[] current = members;
            Member[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = member;
            members = next;
            if (member.claim != null) {
                room.join(member);
            }
        } finally {
            WordLock.unlock(PUT_LOCK, this);
        }
    }

    /** @return how many members are left */
    int removeMember(Member member) {
        WordLock.lock(PUT_LOCK, this);
        try {
            Member[] current = members;
            members = Arrays.stream(current).filter(each -> each != member).toArray(Member[]::new);
            room.leave(member);
            return members.length;
        } finally {
            WordLock.unlock(PUT_LOCK, this);
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
