package io.kincir.memory;

import io.kincir.Message;
import io.kincir.spi.Receiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving side of an in-memory ack subscriber: hands out deliveries and keeps the unsettled
 * ones, to give them back to their groups when it closes. They form an intrusive list (each delivery
 * is its own node), so tracking them allocates nothing more.
 */
final class TrackingReceiver implements Receiver<InMemoryDelivery> {

    private final Member member;
    private final Counters counters;
    private final Object lock = new Object();
    private InMemoryDelivery head;
    private InMemoryDelivery tail;
    private boolean closed;

    TrackingReceiver(Member member, Counters counters) {
        this.member = member;
        this.counters = counters;
    }

    @Override
    public void subscribe(String topic) {
        member.subscribe(topic);
    }

    @Override
    public InMemoryDelivery next(Duration timeout) throws InterruptedException {
        Message message = member.next(timeout);
        if (message == null) {
            return null;
        }
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

    /** Forgets a delivery that was acknowledged or rejected. */
    void settled(InMemoryDelivery delivery) {
        synchronized (lock) {
            if (!closed) {
                unlink(delivery);
            }
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
                if (delivery.giveBack()) {
                    returned.computeIfAbsent(delivery.queue, queue -> new ArrayList<>()).add(delivery.entry());
                }
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
