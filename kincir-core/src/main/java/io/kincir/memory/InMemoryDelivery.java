package io.kincir.memory;

import io.kincir.Message;
import io.kincir.spi.SettleOnceDelivery;
import java.util.List;

/** A delivery of the in-memory broker; also a node of its receiver's list of unsettled deliveries. */
final class InMemoryDelivery extends SettleOnceDelivery {

    private final TrackingReceiver owner;
    final GroupQueue queue;
    private final long deadline;

    // Guarded by the owner's lock.
    InMemoryDelivery previous;
    InMemoryDelivery next;

    InMemoryDelivery(TrackingReceiver owner, GroupQueue queue, Message message, long deadline) {
        super(message);
        this.owner = owner;
        this.queue = queue;
        this.deadline = deadline;
    }

    /** @return the message as it goes back to its group, keeping its original expiry */
    Entry entry() {
        return new Entry(message(), deadline);
    }

    /** @return true if the delivery was unsettled and is now the closing receiver's to give back */
    boolean giveBack() {
        return returnToGroup();
    }

    @Override
    protected void onAck() {
        owner.settled(this);
    }

    @Override
    protected void onNack(boolean requeue) {
        owner.settled(this);
        if (requeue) {
            queue.requeue(List.of(entry()), true);
        } else {
            owner.dropped();
        }
    }

    @Override
    public String toString() {
        return "InMemoryDelivery[" + message() + ", group=" + queue.name + "]";
    }
}
