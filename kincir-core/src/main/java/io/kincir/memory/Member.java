package io.kincir.memory;

import io.kincir.BrokerShutdownException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One subscriber's place in the groups it joined: polls them in turn and parks when all are empty.
 * Used by one thread at a time; publishers only touch {@link #wake()}.
 */
final class Member {

    private static final VarHandle WAITER;
    private static final long FOREVER = -1;

    static {
        try {
            WAITER = MethodHandles.lookup().findVarHandle(Member.class, "waiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final InMemoryBroker broker;
    private final String group;
    private GroupQueue[] queues = {};
    private int cursor;
    private boolean closed;
    private volatile Thread waiter;

    /** The queue the last entry came from. */
    GroupQueue lastQueue;

    Member(InMemoryBroker broker, String group) {
        this.broker = broker;
        this.group = group;
    }

    void subscribe(String topic) {
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

    Entry take() throws InterruptedException {
        return take(FOREVER);
    }

    Entry take(Duration timeout) throws InterruptedException {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        return take(timeout.compareTo(Duration.ofDays(36500)) > 0 ? TimeUnit.DAYS.toNanos(36500) : timeout.toNanos());
    }

    /** Next entry, waiting at most {@code timeoutNanos} ({@link #FOREVER} to wait without limit); null on timeout. */
    private Entry take(long timeoutNanos) throws InterruptedException {
        ensureOpen();
        if (queues.length == 0) {
            throw new IllegalStateException("Subscribe to a topic before receiving");
        }
        long deadline = timeoutNanos == FOREVER ? 0 : System.nanoTime() + timeoutNanos;
        while (true) {
            broker.ensureNotTerminated();
            Entry entry = poll();
            if (entry != null) {
                return entry;
            }
            if (broker.isShutdown()) {
                throw new BrokerShutdownException("The in-memory broker was shut down and group '" + groupName()
                        + "' has nothing left to receive");
            }
            // Publish this thread before polling once more: a publisher enqueues, then wakes us, so either
            // the poll sees its entry or the publisher sees us waiting.
            waiter = Thread.currentThread();
            entry = poll();
            if (entry != null || broker.isShutdown()) {
                waiter = null;
                if (entry != null) {
                    return entry;
                }
                continue;
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
        }
    }

    private Entry poll() {
        GroupQueue[] current = queues;
        int count = current.length;
        for (int i = 0; i < count; i++) {
            int index = cursor + i;
            if (index >= count) {
                index -= count;
            }
            Entry entry = current[index].poll();
            if (entry != null) {
                cursor = index + 1 == count ? 0 : index + 1;
                lastQueue = current[index];
                return entry;
            }
        }
        return null;
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

    /** Leaves every group; returns nothing to them (the ack subscriber requeues first). */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
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
