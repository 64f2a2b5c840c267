package io.kincir.memory;

import io.kincir.Message;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run of messages a member took from the head of its group's queue under one acquisition of the
 * queue's lock, then hands out one by one without locking: a receiver then locks once per run
 * instead of once per message.
 *
 * <p>Only plain subscribers claim (no acknowledgement or redelivery is involved). A subscriber alone
 * in its group takes up to {@link #MAX} messages; a member of a larger group takes no more than its
 * share of what the head chunk shows, at most {@link #SHARED_MAX}, so that the others find work too and a slow
 * member holds back little. A claimed message is still queued as far as anyone can tell: it counts
 * in {@link GroupQueue#size()}, keeps its room in a bounded queue until it is handed out, and is
 * checked for expiry when handed out. When the member closes, what it has not handed out goes back
 * to the head of its group, in order; when the group is deleted it is dropped and counted; after a
 * forced shutdown it is dropped and counted when the member next receives or closes (so
 * {@link InMemoryBroker#forceShutdown()}'s own count leaves it out). The periodic cleanup does not
 * see it; it is checked for expiry on hand-out instead.
 */
final class Claim {

    /** The most messages a member alone in its group claims: bounds what it holds back from a later second member. */
    static final int MAX = 128;

    /** The most messages a member of a larger group claims: a few, so that competing members share the work. */
    static final int SHARED_MAX = 16;

    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Claim.class, "next", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * @param available messages the head chunk shows
     * @param members members of the group
     * @return how many messages to take at once: all a lone member may, a share for competing ones
     */
    static int runLength(int available, int members) {
        if (members <= 1) {
            return Math.min(available, MAX);
        }
        return Math.max(1, Math.min(available / members, SHARED_MAX));
    }

    /** The claim's own arrays, for a run copied from several batches; made on first use. */
    private Message[] copied;
    private long[] copiedDeadlines;
    private boolean copiedExpiring;

    private final Member owner;
    // Set by the owning member under the queue's take lock; read by GroupQueue#size() under that lock.
    private GroupQueue queue;
    /** The owner's count of hand-outs in {@link #queue}'s room; null for an unbounded queue. */
    private HandOuts handOuts;
    private Message[] messages;
    private long[] deadlines;
    private int end;
    /** Written only by the owning member; opaque so that {@link #left} sees it advance. */
    private int next;

    Claim(Member owner) {
        this.owner = owner;
    }

    /** Claims {@code messages[from, to)}. Caller holds {@code queue}'s take lock. */
    void set(GroupQueue queue, Message[] messages, long[] deadlines, int from, int to) {
        claimIn(queue);
        this.messages = messages;
        this.deadlines = deadlines;
        this.end = to;
        NEXT.setOpaque(this, from);
    }

    /** Starts a run copied into the claim's own arrays, message by message with {@link #copy}. Caller holds {@code queue}'s take lock. */
    void startCopy(GroupQueue queue) {
        if (copied == null) {
            copied = new Message[MAX];
            copiedDeadlines = new long[MAX];
        }
        claimIn(queue);
        this.messages = copied;
        this.deadlines = null;
        this.copiedExpiring = false;
        this.end = 0;
        NEXT.setOpaque(this, 0);
    }

    private void claimIn(GroupQueue queue) {
        if (queue != this.queue) {
            this.queue = queue;
            this.handOuts = queue.room.handOutsOf(owner);
        }
    }

    /** Adds a message to the run started by {@link #startCopy}. */
    void copy(Message message, long deadline) {
        copied[end] = message;
        copiedDeadlines[end] = deadline;
        if (deadline != Chunk.NEVER && !copiedExpiring) {
            copiedExpiring = true;
            deadlines = copiedDeadlines;
        }
        end++;
    }

    boolean isEmpty() {
        return next == end;
    }

    GroupQueue queue() {
        return queue;
    }

    /**
     * @param taker receives the queue and deadline of the message handed out
     * @return the next live message, counting expired ones on the way; null once the claim is used up
     */
    Message next(Member taker) {
        if (next < end && queue.isDeleted()) {
            queue.dropClaimed(discard());
            return null;
        }
        while (next < end) {
            int index = next;
            NEXT.setOpaque(this, index + 1);
            long deadline = deadlines == null ? Chunk.NEVER : deadlines[index];
            if (deadline != Chunk.NEVER && System.nanoTime() - deadline >= 0) {
                queue.expiredInClaim();
                continue;
            }
            Message message = messages[index];
            queue.handedOut(handOuts);
            taker.handedOut(queue, deadline);
            return message;
        }
        release();
        return null;
    }

    /** @return how many claimed messages of {@code of} are not handed out yet; caller holds its take lock */
    int left(GroupQueue of) {
        return queue == of ? end - (int) NEXT.getOpaque(this) : 0;
    }

    /** @return what is left, as entries to give back to the group; the claim is then empty */
    List<Entry> drain() {
        List<Entry> rest = new ArrayList<>(end - next);
        for (int i = next; i < end; i++) {
            rest.add(new Entry(messages[i], deadlines == null ? Chunk.NEVER : deadlines[i]));
        }
        NEXT.setOpaque(this, end);
        release();
        return rest;
    }

    /** @return how many messages were left; the claim is then empty */
    int discard() {
        int left = end - next;
        NEXT.setOpaque(this, end);
        release();
        return left;
    }

    /** Lets the arrays, and so the payloads, go once nothing is left to hand out. */
    private void release() {
        if (messages == copied && copied != null) {
            Arrays.fill(copied, 0, end, null);
        }
        messages = null;
        deadlines = null;
    }
}
