package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.kincir.AckSubscriber;
import io.kincir.Message;
import io.kincir.Subscriber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A message published after a subscriber subscribed reaches it; receive with a timeout returns empty. */
public abstract class PublishReceiveConformance extends BackendConformance {

    @Test
    void receivesAMessagePublishedAfterSubscribing() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("hello"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("hello");
        }
    }

    @Test
    void receivesEveryMessageOfABatch() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, messages("batch", 50));

            assertThat(payloads(receive(subscriber, 50)))
                    .containsExactlyInAnyOrderElementsOf(payloads(messages("batch", 50)));
            assertNothingMore(subscriber);
        }
    }

    @Test
    void receiveWithTimeoutReturnsEmptyWhenNothingArrives() throws InterruptedException {
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(newTopic());

            assertThat(subscriber.receive(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void aNewPrivateSubscriberStartsAfterMessagesPublishedBeforeIt() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber early = backend.subscriber()) {
            early.subscribe(topic);
            backend.publisher().publish(topic, Message.of("before"));
            receive(early, 1);
            try (Subscriber late = backend.subscriber()) {
                late.subscribe(topic);
                backend.publisher().publish(topic, Message.of("after"));

                assertThat(payloads(receive(late, 1))).containsExactly("after");
            }
        }
    }

    @Test
    void anEmptyBatchPublishesNothing() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, java.util.List.of());
            backend.publisher().publish(topic, Message.of("only"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("only");
            assertNothingMore(subscriber);
        }
    }

    @Test
    void receivingBeforeSubscribingIsAnError() {
        try (Subscriber subscriber = backend.subscriber();
                AckSubscriber ackSubscriber = backend.ackSubscriber(newGroup())) {
            assertThatIllegalStateException().isThrownBy(() -> subscriber.receive(Duration.ofMillis(10)))
                    .withMessage("Subscribe to a topic before receiving");
            assertThatIllegalStateException().isThrownBy(ackSubscriber::receive)
                    .withMessage("Subscribe to a topic before receiving");
        }
    }

    @Test
    void aNegativeTimeoutIsRefused() {
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(newTopic());

            assertThatIllegalArgumentException().isThrownBy(() -> subscriber.receive(Duration.ofMillis(-1)))
                    .withMessageContaining("timeout must not be negative");
        }
    }
}
