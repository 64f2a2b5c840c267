package io.kincir.memory;

import io.kincir.BrokerShutdownException;
import io.kincir.Message;
import io.kincir.spi.Receiver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One subscriber's place in the groups it joined: polls them in turn, spins briefly and then parks
 * when all are empty. Used by one thread at a time; publishers only touch {@link #wake()}.
 */
final class Member implements Receiver<Message> {

    private static final VarHandle WAITER;
    private static final long FOREVER = -1;

    private static final int YIELD_AFTER_POLLS = 32;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(Member.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final InMemoryBroker broker;
    private final String group;
    /** {@link InMemoryConfig#receiverSpin()}: polling this long catches the next message of a stream without a park. */
    private final long spinNanos;
    private GroupQueue[] queues = {};
    private int cursor;
    private boolean closed;
    private volatile Thread waiter;

    /** The queue the last message came from. */
    GroupQueue lastQueue;
    /** The last message's expiry ({@link Chunk#NEVER} if none), kept should it be given back. */
    long lastDeadline;
    /** The run of messages this member holds; null for a member that never claims. */
    final Claim claim;

    /**
     * @param group the group, null for a private one
     * @param mayClaim whether the member may take runs of messages at once: only for a subscriber
     *     that acknowledges on receipt, whose messages are never given back one by one
     */
    Member(InMemoryBroker broker, String group, boolean mayClaim) {
        this.broker = broker;
        this.group = group;
        this.spinNanos = broker.config().receiverSpin().toNanos();
        this.claim = mayClaim ? new Claim(this) : null;
    }

    @Override
    public void subscribe(String topic) {
        ensureOpen();
        for (GroupQueue queue : queues) {
            if (queue.topic.name.equals(topic)) {
                return;
            }
        }
        GroupQueue[] next = Arrays.copyOf(queues, queues.length + 1);
        next[queues.length] = broker.join(this, topic, group);
        queues = next;
    }

    @Override
    public Message next(Duration timeout) throws InterruptedException {
        if (timeout == null) {
            return take(FOREVER);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        return take(timeout.compareTo(Duration.ofDays(36500)) > 0 ? TimeUnit.DAYS.toNanos(36500) : timeout.toNanos());
    }

    /** Next message, waiting at most {@code timeoutNanos} ({@link #FOREVER} to wait without limit); null on timeout. */
    private Message take(long timeoutNanos) throws InterruptedException {
        ensureOpen();
        if (queues.length == 0) {
            throw new IllegalStateException("Subscribe to a topic before receiving");
        }
        // Set when first needed: a message already waiting costs no clock read.
        long deadline = 0;
        boolean timed = false;
        while (true) {
            if (claim != null && !claim.isEmpty() && broker.isTerminated()) {
                claim.queue().dropClaimed(claim.discard());
            }
            broker.ensureNotTerminated();
            Message message = poll();
            if (message != null) {
                return message;
            }
            if (broker.isShutdown()) {
                message = drainLast();
                if (message != null) {
                    return message;
                }
                throw new BrokerShutdownException("The in-memory broker was shut down and group '" + groupName()
                        + "' has nothing left to receive");
            }
            if (timeoutNanos == 0) {
                // A receive that may not wait takes what the queues show: counting itself as waiting
                // and passing the publishers, both locks of every queue, would be for a wait it never makes.
                return null;
            }
            if (timeoutNanos != FOREVER && !timed) {
                deadline = System.nanoTime() + timeoutNanos;
                timed = true;
            }
            message = spin(timeoutNanos == FOREVER ? spinNanos : Math.min(spinNanos, deadline - System.nanoTime()));
            if (message != null) {
                return message;
            }
            // Publish this thread before polling once more: a publisher enqueues, then wakes us, so either
            // the poll sees its message or the publisher sees us waiting.
            for (GroupQueue queue : queues) {
                queue.memberWaits();
            }
            try {
                message = awaitMessage(timeoutNanos, deadline);
            } finally {
                for (GroupQueue queue : queues) {
                    queue.memberWaited();
                }
            }
            if (message != null) {
                return message;
            }
            if (timed && deadline - System.nanoTime() <= 0) {
                return null;
            }
        }
    }

    /**
     * Parks until woken, unless a last poll finds a message.
     *
     * @return the message the last poll found; null once woken (look again) or timed out (the deadline passed)
     */
    private Message awaitMessage(long timeoutNanos, long deadline) throws InterruptedException {
        waiter = Thread.currentThread();
        // What the publishers appended before they last found no member waiting is then visible to this poll.
        for (GroupQueue queue : queues) {
            queue.passPublishers();
        }
        Message message = poll();
        // A cleared waiter means a publisher woke us already, and its unpark may have been used up
        // by a park inside poll()'s lock: parking now could sleep through that wake for good.
        if (message != null || broker.isShutdown() || waiter == null) {
            waiter = null;
            return message;
        }
        if (timeoutNanos == FOREVER) {
            LockSupport.park(this);
        } else {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                waiter = null;
                return null;
            }
            LockSupport.parkNanos(this, remaining);
        }
        waiter = null;
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return null;
    }

    /**
     * The last look after shutdown: seals this member's queues (a group may have joined as the broker
     * shut down, or a publisher may be appending right now) and polls once more, so that an empty
     * answer means every batch the queues accepted was handed out.
     */
    private Message drainLast() {
        for (GroupQueue queue : queues) {
            queue.seal();
        }
        return poll();
    }

    /**
     * Polls until a message comes or {@code nanos} pass; publishers need not wake a spinning member.
     * Between polls it only reads each queue's head slot and its count of messages given back or
     * prioritized, and polls again when either shows something: a spinning member then neither takes
     * a lock nor writes anything a publisher reads.
     */
    private Message spin(long nanos) {
        if (nanos <= 0) {
            return null;
        }
        long end = System.nanoTime() + nanos;
        // Read before polling: whatever is given back after the poll found nothing changes the count.
        long seen = appends();
        Message message = poll();
        if (message != null) {
            return message;
        }
        int polls = 0;
        do {
            // Yield after the first polls: when threads outnumber CPUs, the publisher we wait for may
            // need this one; when they do not, yield returns at once.
            if (++polls > YIELD_AFTER_POLLS) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
            long now = appends();
            if (now != seen || headsShowMessage()) {
                seen = now;
                message = poll();
                if (message != null) {
                    return message;
                }
            }
        } while (System.nanoTime() - end < 0 && !broker.isShutdown());
        return null;
    }

    private boolean headsShowMessage() {
        for (GroupQueue queue : queues) {
            if (queue.headShowsMessage()) {
                return true;
            }
        }
        return false;
    }

    private long appends() {
        long sum = 0;
        for (GroupQueue queue : queues) {
            sum += queue.appends();
        }
        return sum;
    }

    private Message poll() {
        if (claim != null && !claim.isEmpty()) {
            Message message = claim.next(this);
            if (message != null) {
                return message;
            }
        }
        GroupQueue[] current = queues;
        int count = current.length;
        for (int i = 0; i < count; i++) {
            int index = cursor + i;
            if (index >= count) {
                index -= count;
            }
            Message message = current[index].poll(this);
            if (message != null) {
                // Written only when changed: a write makes this object's cache line the receiver's
                // again, and objects a publisher reads may share that line.
                int nextCursor = index + 1 == count ? 0 : index + 1;
                if (cursor != nextCursor) {
                    cursor = nextCursor;
                }
                handedOut(current[index], lastDeadline);
                return message;
            }
        }
        return null;
    }

    /** Keeps where the message handed out came from, writing only what changed (see {@link #poll()}). */
    void handedOut(GroupQueue queue, long deadline) {
        if (lastQueue != queue) {
            lastQueue = queue;
        }
        if (lastDeadline != deadline) {
            lastDeadline = deadline;
        }
    }

    /**
     * Unparks this member if it is waiting, and counts it as woken only once per wait, so that the
     * next message of a burst goes to another waiting member.
     */
    boolean wake() {
        Thread thread = waiter;
        if (thread != null && WAITER.compareAndSet(this, thread, null)) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    /**
     * Gives what it claimed but did not hand out back to the head of its group (or drops it, counted,
     * after a forced shutdown), then leaves every group. Returns nothing else to them: the ack
     * subscriber requeues its unsettled deliveries first.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (claim != null && !claim.isEmpty()) {
            GroupQueue queue = claim.queue();
            if (broker.isTerminated()) {
                queue.dropClaimed(claim.discard());
            } else {
                queue.requeue(claim.drain(), false);
            }
        }
        for (GroupQueue queue : queues) {
            queue.topic.leave(queue, this);
        }
    }

    boolean isClosed() {
        return closed;
    }

    private String groupName() {
        return group == null ? "(private)" : group;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This subscriber is closed; create a new one");
        }
    }
}
