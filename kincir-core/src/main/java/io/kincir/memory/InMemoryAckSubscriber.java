package io.kincir.memory;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A subscriber whose deliveries go back to the group unless acknowledged. Unsettled deliveries form
 * an intrusive list (each delivery is its own node), so tracking them allocates nothing more.
 */
final class InMemoryAckSubscriber implements AckSubscriber {

    private final Member member;
    private final Counters counters;
    private final Object lock = new Object();
    private InMemoryDelivery head;
    private InMemoryDelivery tail;
    private boolean closed;

    InMemoryAckSubscriber(Member member, Counters counters) {
        this.member = member;
        this.counters = counters;
    }

    @Override
    public void subscribe(String topic) {
        member.subscribe(topic);
    }

    @Override
    public Delivery receive() throws InterruptedException {
        return track(member.take());
    }

    @Override
    public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
        Message message = member.take(timeout);
        return message == null ? Optional.empty() : Optional.of(track(message));
    }

    private InMemoryDelivery track(Message message) {
        counters.consumed();
        InMemoryDelivery delivery = new InMemoryDelivery(this, member.lastQueue, message, member.lastDeadline);
        synchronized (lock) {
            delivery.previous = tail;
            if (tail == null) {
                head = delivery;
            } else {
                tail.next = delivery;
            }
            tail = delivery;
        }
        return delivery;
    }

    /** Settles a delivery once; the caller then acts on it outside the lock. */
    void settle(InMemoryDelivery delivery, String action) {
        synchronized (lock) {
            if (delivery.settled) {
                throw new IllegalStateException(closed && delivery.returnedOnClose
                        ? "Cannot " + action + " message " + delivery.message().uuid()
                                + ": its subscriber closed, so it went back to the group to be delivered again"
                        : "Cannot " + action + " message " + delivery.message().uuid() + ": it was already settled");
            }
            delivery.settled = true;
            unlink(delivery);
        }
    }

    void dropped() {
        counters.dropped.increment();
    }

    /** Returns every unsettled delivery to its group, oldest first, then leaves the groups. */
    @Override
    public void close() {
        Map<GroupQueue, List<Entry>> returned = new LinkedHashMap<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (InMemoryDelivery delivery = head; delivery != null; delivery = delivery.next) {
                delivery.settled = true;
                delivery.returnedOnClose = true;
                returned.computeIfAbsent(delivery.queue, queue -> new ArrayList<>()).add(delivery.entry());
            }
            head = null;
            tail = null;
        }
        returned.forEach((queue, entries) -> queue.requeue(entries, true));
        member.close();
    }

    private void unlink(InMemoryDelivery delivery) {
        if (delivery.previous == null) {
            head = delivery.next;
        } else {
            delivery.previous.next = delivery.next;
        }
        if (delivery.next == null) {
            tail = delivery.previous;
        } else {
            delivery.next.previous = delivery.previous;
        }
        delivery.previous = null;
        delivery.next = null;
    }
}
