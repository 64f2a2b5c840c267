package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.Subscriber;
import org.junit.jupiter.api.Test;

/** One subscriber receives from every topic it subscribed to, and from no other. */
public abstract class MultiTopicConformance extends BackendConformance {

    @Test
    void receivesFromEverySubscribedTopic() throws InterruptedException {
        String orders = newTopic();
        String payments = newTopic();
        String shipping = newTopic();
        String other = newTopic();
        try (Subscriber subscriber = backend.subscriber(newGroup()); Subscriber otherSubscriber = backend.subscriber()) {
            subscriber.subscribe(orders);
            subscriber.subscribe(payments);
            subscriber.subscribe(shipping);
            otherSubscriber.subscribe(other);

            backend.publisher().publish(orders, Message.of("order"));
            backend.publisher().publish(payments, Message.of("payment"));
            backend.publisher().publish(other, Message.of("not for it"));
            backend.publisher().publish(shipping, Message.of("shipment"));

            assertThat(payloads(receive(subscriber, 3))).containsExactlyInAnyOrder("order", "payment", "shipment");
            assertNothingMore(subscriber);
            assertThat(payloads(receive(otherSubscriber, 1))).containsExactly("not for it");
        }
    }

    @Test
    void subscribingTwiceToOneTopicDeliversOnce() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("single"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("single");
            assertNothingMore(subscriber);
        }
    }
}
