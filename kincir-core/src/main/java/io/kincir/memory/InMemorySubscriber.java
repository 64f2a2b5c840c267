package io.kincir.memory;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.Optional;

/** A subscriber that acknowledges on receipt: what it hands out never goes back to the group. */
final class InMemorySubscriber implements Subscriber {

    private final Member member;
    private final Counters counters;

    InMemorySubscriber(Member member, Counters counters) {
        this.member = member;
        this.counters = counters;
    }

    @Override
    public void subscribe(String topic) {
        member.subscribe(topic);
    }

    @Override
    public Message receive() throws InterruptedException {
        Message message = member.take();
        counters.consumed();
        return message;
    }

    @Override
    public Optional<Message> receive(Duration timeout) throws InterruptedException {
        Message message = member.take(timeout);
        if (message == null) {
            return Optional.empty();
        }
        counters.consumed();
        return Optional.of(message);
    }

    @Override
    public void close() {
        member.close();
    }
}
