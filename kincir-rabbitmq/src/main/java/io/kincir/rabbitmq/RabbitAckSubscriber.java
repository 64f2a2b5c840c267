package io.kincir.rabbitmq;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import java.time.Duration;
import java.util.Optional;

/**
 * A subscriber whose deliveries the application settles: manual acks with a prefetch. The broker
 * requeues whatever is unacknowledged when the subscriber's channel closes, whether the subscriber
 * closed it or the connection was lost.
 */
final class RabbitAckSubscriber implements AckSubscriber {

    final Member member;

    RabbitAckSubscriber(Member member) {
        this.member = member;
    }

    @Override
    public void subscribe(String topic) {
        member.subscribe(topic);
    }

    @Override
    public Delivery receive() throws InterruptedException {
        return new RabbitDelivery(member, member.next(null, false));
    }

    @Override
    public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
        Member.Inbound inbound = member.next(timeout, false);
        return inbound == null ? Optional.empty() : Optional.of(new RabbitDelivery(member, inbound));
    }

    /** Leaves every topic; the broker requeues every unsettled delivery. */
    @Override
    public void close() {
        member.close();
    }
}
