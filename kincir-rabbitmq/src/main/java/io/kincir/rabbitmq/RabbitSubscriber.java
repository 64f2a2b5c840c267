package io.kincir.rabbitmq;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Optional;

/**
 * A subscriber that acknowledges each message as it hands it out. It consumes with manual acks, so
 * what it buffered but did not hand out goes back to the group when it closes or loses its channel.
 */
final class RabbitSubscriber implements Subscriber {

    final Member member;

    RabbitSubscriber(Member member) {
        this.member = member;
    }

    @Override
    public void subscribe(String topic) {
        member.subscribe(topic);
    }

    @Override
    public Message receive() throws InterruptedException {
        return member.next(null, true).message();
    }

    @Override
    public Optional<Message> receive(Duration timeout) throws InterruptedException {
        Member.Inbound inbound = member.next(timeout, true);
        return inbound == null ? Optional.empty() : Optional.of(inbound.message());
    }

    /** Leaves every topic; a private group's queue is deleted by the broker with what it still holds. */
    @Override
    public void close() {
        member.close();
    }
}
