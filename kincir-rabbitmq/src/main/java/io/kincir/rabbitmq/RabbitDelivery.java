package io.kincir.rabbitmq;

import io.kincir.spi.SettleOnceDelivery;

/** A delivery settled on the channel it came on, from any thread. */
final class RabbitDelivery extends SettleOnceDelivery {

    private final Member member;
    private final Member.Inbound inbound;

    RabbitDelivery(Member member, Member.Inbound inbound) {
        super(inbound.message());
        this.member = member;
        this.inbound = inbound;
    }

    /** A closed member's channel is closed, and the broker requeued what it held. */
    @Override
    protected boolean subscriberClosed() {
        return member.isClosed();
    }

    @Override
    protected void onAck() {
        settle("ack", true, false);
    }

    /** {@code nack(false)} dead-letters the message to the group's {@code <topic>.<group>.rejected} queue. */
    @Override
    protected void onNack(boolean requeue) {
        settle("nack", false, requeue);
    }

    private void settle(String action, boolean ack, boolean requeue) {
        if (!member.settle(inbound, ack, requeue)) {
            throw new IllegalStateException("Cannot " + action + " message " + message().uuid() + ": the channel to "
                    + "RabbitMQ it came on was lost, so the broker returned it to the group to be delivered again");
        }
    }

    @Override
    public String toString() {
        return "RabbitDelivery[" + inbound.message() + ", " + member.groupName() + "]";
    }
}
