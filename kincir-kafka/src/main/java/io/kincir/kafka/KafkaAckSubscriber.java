package io.kincir.kafka;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A subscriber whose records stay outstanding, and uncommitted, until settled. */
final class KafkaAckSubscriber implements AckSubscriber {

    private final GroupMember member;

    KafkaAckSubscriber(GroupMember member) {
        this.member = member;
    }

    @Override
    public void subscribe(String topic) {
        member.subscribe(topic);
    }

    @Override
    public Delivery receive() throws InterruptedException {
        return new KafkaDelivery(member, member.next(null));
    }

    @Override
    public Optional<Delivery> receive(Duration timeout) throws InterruptedException {
        Fetched record = member.next(Objects.requireNonNull(timeout, "timeout"));
        return record == null ? Optional.empty() : Optional.of(new KafkaDelivery(member, record));
    }

    @Override
    public void close() {
        member.close();
    }
}
