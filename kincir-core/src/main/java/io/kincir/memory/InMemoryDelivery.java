package io.kincir.memory;

import io.kincir.Delivery;
import io.kincir.Message;
import java.util.List;

/** A delivery of the in-memory broker; also a node of its subscriber's list of unsettled deliveries. */
final class InMemoryDelivery implements Delivery {

    private final InMemoryAckSubscriber owner;
    final GroupQueue queue;
    final Entry entry;

    // Guarded by the owner's lock.
    InMemoryDelivery previous;
    InMemoryDelivery next;
    boolean settled;
    boolean returnedOnClose;

    InMemoryDelivery(InMemoryAckSubscriber owner, GroupQueue queue, Entry entry) {
        this.owner = owner;
        this.queue = queue;
        this.entry = entry;
    }

    @Override
    public Message message() {
        return entry.message;
    }

    @Override
    public void ack() {
        owner.settle(this, "ack");
    }

    @Override
    public void nack(boolean requeue) {
        owner.settle(this, "nack");
        if (requeue) {
            queue.requeue(List.of(entry));
        } else {
            owner.dropped();
        }
    }

    @Override
    public String toString() {
        return "InMemoryDelivery[" + entry.message + ", group=" + queue.name + "]";
    }
}
