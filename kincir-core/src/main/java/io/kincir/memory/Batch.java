package io.kincir.memory;

import io.kincir.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;

/**
 * One published batch in one group's queue: a node of the queue's chain. A publish makes one node
 * per group, but the arrays are made once and shared by every group of the topic, so fan-out
 * copies nothing and the queues allocate nothing per message. Shared arrays are never written once
 * linked; the fields of a node change only under its queue's take lock (or both locks).
 */
final class Batch {

    /** The deadline of a message that does not expire ({@code System.nanoTime() + ttl} is never this in practice). */
    static final long NEVER = Long.MIN_VALUE;

    /** Rough bytes of a message and its queue slot beyond payload and metadata text, for the memory estimate. */
    static final int OVERHEAD_BYTES = 96;

    private static final Message[] NO_MESSAGES = {};
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Batch.class, "next", Batch.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The messages; null once every one was taken, so a consumed batch keeps no payload alive. */
    Message[] messages;
    /** Each message's expiry, on {@link System#nanoTime()}'s clock; null when none of them expires. */
    long[] deadlines;
    int count;
    /** The memory estimate of {@link #messages}, counted in the queue until the whole batch was taken. */
    long bytes;
    /** Written once, under the put lock, with release semantics so that a taker sees the node complete. */
    private Batch next;

    Batch(Message[] messages, long[] deadlines, long bytes) {
        this.messages = messages;
        this.deadlines = deadlines;
        this.count = messages.length;
        this.bytes = bytes;
    }

    /** @return an empty node: the start of a new chain */
    static Batch empty() {
        return new Batch(NO_MESSAGES, null, 0);
    }

    /**
     * Links the next node. A release write, not a volatile one: the put lock's release and the queue's
     * append count, written after it, order it for waiting members, so it needs no fence of its own.
     */
    void link(Batch batch) {
        NEXT.setRelease(this, batch);
    }

    Batch next() {
        return (Batch) NEXT.getAcquire(this);
    }

    long deadline(int index) {
        return deadlines == null ? NEVER : deadlines[index];
    }

    static boolean expired(long deadline, long now) {
        return deadline != NEVER && now - deadline >= 0;
    }

    /**
     * Keeps only the live messages from {@code from} on, in new arrays since the old ones are shared
     * with other groups; the messages before {@code from} were taken already and are let go.
     *
     * @return how many expired messages it dropped
     */
    int dropExpired(int from, long now) {
        if (deadlines == null || from == count) {
            return 0;
        }
        int live = 0;
        for (int i = from; i < count; i++) {
            if (!expired(deadlines[i], now)) {
                live++;
            }
        }
        int expired = count - from - live;
        if (expired == 0) {
            return 0;
        }
        Message[] liveMessages = new Message[live];
        long[] liveDeadlines = new long[live];
        long liveBytes = 0;
        for (int i = from, j = 0; i < count; i++) {
            if (!expired(deadlines[i], now)) {
                liveMessages[j] = messages[i];
                liveDeadlines[j++] = deadlines[i];
                liveBytes += sizeOf(messages[i]);
            }
        }
        messages = liveMessages;
        deadlines = liveDeadlines;
        count = live;
        bytes = liveBytes;
        return expired;
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
