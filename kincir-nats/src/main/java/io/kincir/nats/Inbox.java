package io.kincir.nats;

import io.kincir.spi.Deadline;
import io.nats.client.Message;
import io.nats.client.impl.NatsMessage;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A member's local buffer: what its pulls brought, at most {@code pullBatch} messages, so that the
 * dispatcher waits while it is full; and, handed out before those, what closing members of its group
 * handed over, without a bound. Thread-safe: the dispatcher puts, one receiver takes, a closing member
 * hands over.
 */
final class Inbox {

    private static final long OFFER_POLL_MILLIS = 50;

    /** Wakes a receiver waiting for a pulled message. */
    private static final Message WAKE = NatsMessage.builder().subject("wake").build();

    private final LinkedBlockingQueue<Message> pulled;
    private final Queue<Message> handedOver = new ConcurrentLinkedQueue<>();
    private final BooleanSupplier closed;

    /**
     * @param capacity how many pulled messages it holds
     * @param closed whether its member is closed
     */
    Inbox(int capacity, BooleanSupplier closed) {
        this.pulled = new LinkedBlockingQueue<>(capacity);
        this.closed = closed;
    }

    /**
     * Waits for room for a pulled message while the member is open.
     *
     * @return whether the message was added; false once the member is closed
     */
    boolean put(Message message) throws InterruptedException {
        while (!closed.getAsBoolean()) {
            if (pulled.offer(message, OFFER_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    /** Adds a message that a closing member handed over, and wakes the receiver. */
    void handOver(Message message) {
        handedOver.add(message);
        wake();
    }

    /**
     * @return the next message, a handed-over one first; null once the deadline passed, or when woken
     *     with nothing handed over: the receiver then looks why (its member closed, or must pull again)
     */
    Message take(Deadline deadline) throws InterruptedException {
        Message next = handedOver.poll();
        if (next == null) {
            next = deadline.take(pulled);
        }
        return next == WAKE ? handedOver.poll() : next;
    }

    /** Wakes a receiver waiting in {@link #take}. */
    void wake() {
        pulled.offer(WAKE);
    }

    /** Empties the inbox into {@code to}. */
    void drainTo(Consumer<Message> to) {
        Message message;
        while ((message = handedOver.poll()) != null) {
            to.accept(message);
        }
        while ((message = pulled.poll()) != null) {
            if (message != WAKE) {
                to.accept(message);
            }
        }
    }
}
