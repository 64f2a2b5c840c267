package io.kincir.redis;

import io.kincir.spi.SettleOnceDelivery;

/** A delivery settled on the backend's shared connection, from any thread. */
final class RedisDelivery extends SettleOnceDelivery {

    private final Member member;
    private final Entry entry;

    RedisDelivery(Member member, Entry entry) {
        super(entry.message());
        this.member = member;
        this.entry = entry;
    }

    /** {@code XACK}; an entry of the requeue stream is deleted as well. */
    @Override
    protected void onAck() {
        member.acknowledge(this, "ack");
    }

    /**
     * {@code nack(true)} moves the entry to the group's requeue stream, which every member reads, so the
     * next member to read takes it; {@code nack(false)} acknowledges it, which drops it.
     */
    @Override
    protected void onNack(boolean requeue) {
        if (requeue) {
            member.requeue(this, "nack");
        } else {
            member.acknowledge(this, "nack");
        }
    }

    /** A closed member handed back what it held, and a private subscriber's group is gone. */
    @Override
    protected boolean subscriberClosed() {
        return member.isClosed();
    }

    /** @return true if it was unsettled and the closing member now hands it back */
    boolean giveBack() {
        return returnToGroup();
    }

    Entry entry() {
        return entry;
    }

    @Override
    public String toString() {
        return "RedisDelivery[" + entry.message() + ", " + entry.source().keyText() + " " + entry.id() + "]";
    }
}
