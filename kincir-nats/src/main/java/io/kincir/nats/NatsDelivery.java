package io.kincir.nats;

import io.kincir.Message;
import io.kincir.spi.SettleOnceDelivery;
import java.util.Optional;

/**
 * A delivery settled on the server, from any thread: {@code ack} acknowledges, {@code nack(true)}
 * naks (the server delivers the message again at once, to any member of the group) and
 * {@code nack(false)} terminates it (the server never delivers it again).
 */
final class NatsDelivery extends SettleOnceDelivery {

    private final Member member;
    private final io.nats.client.Message received;

    NatsDelivery(Member member, io.nats.client.Message received, Message message) {
        super(message);
        this.member = member;
        this.received = received;
    }

    @Override
    protected void onAck() {
        member.settled(this);
        received.ack();
    }

    @Override
    protected void onNack(boolean requeue) {
        member.settled(this);
        if (requeue) {
            received.nak();
        } else {
            received.term();
        }
    }

    /** @return the message, for its closing subscriber to give back to the group, unless a settle came first */
    Optional<io.nats.client.Message> takeBack() {
        return returnToGroup() ? Optional.of(received) : Optional.empty();
    }

    @Override
    public String toString() {
        return "NatsDelivery[" + message() + ", " + member.groupName() + "]";
    }
}
