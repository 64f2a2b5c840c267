package io.kincir.kafka;

import io.kincir.spi.SettleOnceDelivery;

/**
 * A record handed out by a Kafka ack subscriber. Settling marks its offset settled; the poll thread
 * commits up to the first offset still outstanding. If its partition moved to another member
 * meanwhile, settling changes nothing: that member reads it again (at-least-once).
 */
final class KafkaDelivery extends SettleOnceDelivery {

    private final GroupMember member;
    private final Fetched record;

    KafkaDelivery(GroupMember member, Fetched record) {
        super(record.message());
        this.member = member;
        this.record = record;
    }

    /** A closed member gave every outstanding record back to its group, uncommitted. */
    @Override
    protected boolean subscriberClosed() {
        return member.isClosed();
    }

    @Override
    protected void onAck() {
        member.settle(record);
    }

    /** {@code nack(true)} hands the record out again next, without fetching it again. */
    @Override
    protected void onNack(boolean requeue) {
        if (requeue) {
            member.requeue(record);
        } else {
            member.settle(record);
        }
    }

    @Override
    public String toString() {
        return "KafkaDelivery[" + record.message() + ", " + record.partition() + "@" + record.offset() + "]";
    }
}
