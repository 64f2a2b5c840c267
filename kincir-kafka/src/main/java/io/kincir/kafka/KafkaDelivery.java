package io.kincir.kafka;

import io.kincir.Delivery;
import io.kincir.Message;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A record handed out by a {@code KafkaAckSubscriber}. Settling marks its offset settled; the poll
 * thread commits up to the first offset still outstanding. If its partition moved to another member
 * meanwhile, settling changes nothing: that member reads it again (at-least-once).
 */
final class KafkaDelivery implements Delivery {

    private final GroupMember member;
    private final Fetched record;
    private final AtomicBoolean settled = new AtomicBoolean();

    KafkaDelivery(GroupMember member, Fetched record) {
        this.member = member;
        this.record = record;
    }

    @Override
    public Message message() {
        return record.message();
    }

    @Override
    public void ack() {
        markSettled("ack");
        member.settle(record);
    }

    /** {@code nack(true)} hands the record out again next, without fetching it again. */
    @Override
    public void nack(boolean requeue) {
        markSettled("nack");
        if (requeue) {
            member.requeue(record);
        } else {
            member.settle(record);
        }
    }

    private void markSettled(String action) {
        if (member.isClosed()) {
            throw new IllegalStateException("Cannot " + action + " message " + record.message().uuid()
                    + ": its subscriber is closed, and the message went back to the group");
        }
        if (!settled.compareAndSet(false, true)) {
            throw new IllegalStateException("Cannot " + action + " message " + record.message().uuid()
                    + ": it was already settled");
        }
    }

    @Override
    public String toString() {
        return "KafkaDelivery[" + record.message() + ", " + record.partition() + "@" + record.offset() + "]";
    }
}
