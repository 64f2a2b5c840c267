package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Subscriber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every group, and every private subscriber, receives every message of the topic. */
public abstract class FanOutConformance extends BackendConformance {

    @Test
    void everyOneOfThreeGroupsReceivesEveryMessage() throws InterruptedException {
        String topic = newTopic();
        List<Subscriber> groups = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Subscriber subscriber = backend.subscriber(newGroup());
                groups.add(subscriber);
                subscriber.subscribe(topic);
            }
            backend.publisher().publish(topic, messages("fan", 100));

            for (Subscriber subscriber : groups) {
                assertThat(payloads(receive(subscriber, 100)))
                        .containsExactlyInAnyOrderElementsOf(payloads(messages("fan", 100)));
            }
            for (Subscriber subscriber : groups) {
                assertNothingMore(subscriber);
            }
        } finally {
            groups.forEach(Subscriber::close);
        }
    }

    @Test
    void twoPrivateSubscribersEachReceiveEveryMessage() throws InterruptedException {
        String topic = newTopic();
        try (Subscriber first = backend.subscriber(); Subscriber second = backend.subscriber()) {
            first.subscribe(topic);
            second.subscribe(topic);
            backend.publisher().publish(topic, messages("private", 10));

            assertThat(payloads(receive(first, 10))).containsExactlyInAnyOrderElementsOf(payloads(messages("private", 10)));
            assertThat(payloads(receive(second, 10))).containsExactlyInAnyOrderElementsOf(payloads(messages("private", 10)));
        }
    }
}
