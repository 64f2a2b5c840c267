package io.kincir.memory;

import io.kincir.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Map;

/**
 * A run of slots in one group's queue: a node of the queue's chain. Publishers append to the last
 * chunk, under the queue's put lock, until its slots are used up, and then link a new one: a
 * single-message publish writes a slot instead of allocating a node, and a receiver that catches up
 * with the publishers reads slots next to each other instead of following a pointer per message.
 *
 * <p>A written slot is its own signal: slots are written once, in order, with release semantics,
 * and a taker that reads a slot with acquire semantics and finds a message there may read every slot
 * before it. A publisher then writes no count that takers read, and a taker that keeps up with it
 * shares one cache line with it, the slots', instead of a counter's line as well. Where the next
 * append goes, and the bytes appended, are the put side's ({@link GroupQueue}); a chunk is full when
 * the next is linked. Only the periodic cleanup, holding both of the queue's locks, rewrites a chunk
 * ({@link #dropExpired}).
 */
final class Chunk {

    /** The deadline of a message that does not expire ({@code System.nanoTime() + ttl} is never this in practice). */
    static final long NEVER = Long.MIN_VALUE;

    /** Rough bytes of a message and its queue slot beyond payload and metadata text, for the memory estimate. */
    static final int OVERHEAD_BYTES = 96;

    /**
     * Slots of a chunk made for single messages and small batches: enough to amortize the node over
     * many messages, few enough that a drained chunk, still holding what it handed out until the
     * queue moves past it, keeps little alive.
     */
    static final int SLOTS = 64;

    private static final Message[] NO_MESSAGES = {};
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Message[].class);
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Chunk.class, "next", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The slots; replaced only by {@link #dropExpired}. */
    Message[] messages;
    /**
     * Each message's expiry, on {@link System#nanoTime()}'s clock; null while no message of the chunk
     * expires. Volatile because it is made when the first expiring message is appended, while takers
     * read the slots before it: one that sees the array sees the earlier slots' {@link #NEVER} in it.
     */
    volatile long[] deadlines;
    /** The memory estimate of the messages appended, set when the chunk is full; read once it was passed. */
    long bytes;
    /** Written once, with release semantics, once this chunk is full. */
    private Chunk next;

    private Chunk(Message[] slots) {
        this.messages = slots;
    }

    /** @return a chunk with room for {@code slots} messages */
    static Chunk withSlots(int slots) {
        return new Chunk(new Message[slots]);
    }

    /** @return a chunk without room: the start of a new chain, which the first append moves past */
    static Chunk empty() {
        return new Chunk(NO_MESSAGES);
    }

    int capacity() {
        return messages.length;
    }

    /** @return whether slot {@code index} holds a message, read with acquire semantics; false past the end */
    boolean holds(int index) {
        Message[] slots = messages;
        return index < slots.length && SLOT.getAcquire(slots, index) != null;
    }

    /**
     * Appends {@code batch[start, end)} at slot {@code at}; the slots must be free. Caller holds the put lock.
     *
     * @param batchDeadlines the batch's expiries, null if none of it expires
     * @return whether the chunk holds an expiring message for the first time
     */
    boolean append(Message[] batch, long[] batchDeadlines, int start, int end, int at) {
        int length = end - start;
        boolean firstExpiring = false;
        long[] own = deadlines;
        if (batchDeadlines != null) {
            if (own == null) {
                own = new long[messages.length];
                Arrays.fill(own, 0, at, NEVER);
                deadlines = own;
                firstExpiring = true;
            }
            System.arraycopy(batchDeadlines, start, own, at, length);
        } else if (own != null) {
            Arrays.fill(own, at, at + length, NEVER);
        }
        Message[] slots = messages;
        for (int i = 0; i < length; i++) {
            SLOT.setRelease(slots, at + i, batch[start + i]);
        }
        return firstExpiring;
    }

    /** Links the chunk that follows, once this one is full. Caller holds the put lock. */
    void link(Chunk chunk, long appendedBytes) {
        bytes = appendedBytes;
        NEXT.setRelease(this, chunk);
    }

    Chunk next() {
        return (Chunk) NEXT.getAcquire(this);
    }

    long deadline(int index) {
        long[] all = deadlines;
        return all == null ? NEVER : all[index];
    }

    static boolean expired(long deadline, long now) {
        return deadline != NEVER && now - deadline >= 0;
    }

    /**
     * Keeps only the live messages of slots {@code [from, used)}, in new arrays of their exact size:
     * the messages before {@code from} were taken already and are let go, and members may still hand
     * out a claimed run of the old arrays. The chunk is full afterwards, so publishers link a new
     * one. Caller holds both of the queue's locks.
     *
     * @param used the slots written
     * @return how many expired messages it dropped; {@link #bytes} is then the live messages' estimate
     */
    int dropExpired(int from, int used, long now) {
        long[] all = deadlines;
        if (all == null || from == used) {
            return 0;
        }
        int live = 0;
        for (int i = from; i < used; i++) {
            if (!expired(all[i], now)) {
                live++;
            }
        }
        int expired = used - from - live;
        if (expired == 0) {
            return 0;
        }
        Message[] liveMessages = new Message[live];
        long[] liveDeadlines = new long[live];
        long liveBytes = 0;
        for (int i = from, j = 0; i < used; i++) {
            if (!expired(all[i], now)) {
                liveMessages[j] = messages[i];
                liveDeadlines[j++] = all[i];
                liveBytes += sizeOf(messages[i]);
            }
        }
        messages = liveMessages;
        deadlines = liveDeadlines;
        bytes = liveBytes;
        return expired;
    }

    /** @return the memory estimate of {@code messages[from, to)} */
    static long sizeOf(Message[] messages, int from, int to) {
        long sum = 0;
        for (int i = from; i < to; i++) {
            sum += sizeOf(messages[i]);
        }
        return sum;
    }

    static int sizeOf(Message message) {
        int size = OVERHEAD_BYTES + message.payload().length;
        Map<String, String> metadata = message.metadata();
        if (!metadata.isEmpty()) {
            for (Map.Entry<String, String> item : metadata.entrySet()) {
                size += 2 * (item.getKey().length() + item.getValue().length()) + 32;
            }
        }
        return size;
    }
}
