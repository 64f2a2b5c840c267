package io.kincir.rabbitmq;

import io.kincir.Delivery;
import io.kincir.Message;

/** A delivery settled on the channel it came on, from any thread. */
final class RabbitDelivery implements Delivery {

    private final Member member;
    private final Member.Inbound inbound;
    private boolean settled;

    RabbitDelivery(Member member, Member.Inbound inbound) {
        this.member = member;
        this.inbound = inbound;
    }

    @Override
    public Message message() {
        return inbound.message();
    }

    @Override
    public void ack() {
        settle("ack", true, false);
    }

    /** {@code nack(false)} dead-letters the message to the group's {@code <topic>.<group>.rejected} queue. */
    @Override
    public void nack(boolean requeue) {
        settle("nack", false, requeue);
    }

    private void settle(String action, boolean ack, boolean requeue) {
        synchronized (this) {
            if (settled) {
                throw new IllegalStateException("Cannot " + action + " message " + message().uuid()
                        + ": it was already settled");
            }
            settled = true;
        }
        if (member.isClosed()) {
            throw new IllegalStateException("Cannot " + action + " message " + message().uuid()
                    + ": its subscriber closed, so it went back to the group to be delivered again");
        }
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
