package io.kincir.memory;

import io.kincir.Delivery;
import io.kincir.Message;
import java.util.List;

/** A delivery of the in-memory broker; also a node of its subscriber's list of unsettled deliveries. */
final class InMemoryDelivery implements Delivery {

    private final InMemoryAckSubscriber owner;
    final GroupQueue queue;
    private final Message message;
    private final long deadline;

    // Guarded by the owner's lock.
    InMemoryDelivery previous;
    InMemoryDelivery next;
    boolean settled;
    boolean returnedOnClose;

    InMemoryDelivery(InMemoryAckSubscriber owner, GroupQueue queue, Message message, long deadline) {
        this.owner = owner;
        this.queue = queue;
        this.message = message;
        this.deadline = deadline;
    }

    @Override
    public Message message() {
        return message;
    }

    /** @return the message as it goes back to its group, keeping its original expiry */
    Entry entry() {
        return new Entry(message, deadline);
    }

    @Override
    public void ack() {
        owner.settle(this, "ack");
    }

    @Override
    public void nack(boolean requeue) {
        owner.settle(this, "nack");
        if (requeue) {
            queue.requeue(List.of(entry()), true);
        } else {
            owner.dropped();
        }
    }

    @Override
    public String toString() {
        return "InMemoryDelivery[" + message + ", group=" + queue.name + "]";
    }
}
