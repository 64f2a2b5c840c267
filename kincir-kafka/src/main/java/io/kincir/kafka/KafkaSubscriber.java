package io.kincir.kafka;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A subscriber that acknowledges on receipt: each record counts as settled when handed out. */
final class KafkaSubscriber implements Subscriber {

    private final GroupMember member;

    KafkaSubscriber(GroupMember member) {
        this.member = member;
    }

    @Override
    public void subscribe(String topic) {
        member.subscribe(topic);
    }

    @Override
    public Message receive() throws InterruptedException {
        return member.next(null).message();
    }

    @Override
    public Optional<Message> receive(Duration timeout) throws InterruptedException {
        Fetched record = member.next(Objects.requireNonNull(timeout, "timeout"));
        return record == null ? Optional.empty() : Optional.of(record.message());
    }

    @Override
    public void close() {
        member.close();
    }
}
