package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code nack(true)} delivers the message again; {@code nack(false)} and {@code ack} do not. */
public abstract class NackRedeliveryConformance extends BackendConformance {

    @Test
    void nackWithRequeueDeliversTheSameMessageAgain() throws InterruptedException {
        String topic = newTopic();
        try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
            subscriber.subscribe(topic);
            Message sent = Message.of("retry me");
            backend.publisher().publish(topic, sent);

            Delivery first = receive(subscriber);
            first.nack(true);
            Delivery second = receive(subscriber);

            assertThat(second.message().uuid()).isEqualTo(sent.uuid());
            assertThat(second.message().payloadAsString()).isEqualTo("retry me");
            second.ack();
            assertNothingMore(subscriber);
        }
    }

    @Test
    void nackWithoutRequeueMovesOnToTheNextMessage() throws InterruptedException {
        String topic = newTopic();
        try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, List.of(Message.of("poison").withMetadata("partition_key", "k"),
                    Message.of("next").withMetadata("partition_key", "k")));

            Delivery poison = receive(subscriber);
            assertThat(poison.message().payloadAsString()).isEqualTo("poison");
            poison.nack(false);
            Delivery next = receive(subscriber);

            assertThat(next.message().payloadAsString()).isEqualTo("next");
            next.ack();
            assertNothingMore(subscriber);
        }
    }

    @Test
    void settlingTwiceIsAnError() throws InterruptedException {
        String topic = newTopic();
        try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("once"));

            Delivery delivery = receive(subscriber);
            delivery.ack();

            org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(delivery::ack)
                    .withMessageContaining("already");
        }
    }

    /**
     * A batch listener collects its batch on one ack subscriber before it settles any of it: the
     * backend must hand out a batch's worth (the listeners' default batch size, 100) unsettled.
     */
    @Test
    void oneSubscriberHoldsAHundredUnsettledDeliveriesAtOnce() throws InterruptedException {
        String topic = newTopic();
        try (AckSubscriber subscriber = backend.ackSubscriber(newGroup())) {
            subscriber.subscribe(topic);
            List<Message> sent = messages("held", 100);
            backend.publisher().publish(topic, sent);

            List<Delivery> held = receive(subscriber, sent.size());
            held.forEach(Delivery::ack);

            assertThat(held).extracting(delivery -> delivery.message().uuid())
                    .containsExactlyInAnyOrderElementsOf(sent.stream().map(Message::uuid).toList());
            assertNothingMore(subscriber);
        }
    }
}
