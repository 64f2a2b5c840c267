package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A thousand topics on one subscriber: each message arrives, attributed to its topic by payload. */
public abstract class ManyTopicsConformance extends BackendConformance {

    private static final int TOPICS = 1000;

    @Test
    void oneSubscriberOnAThousandTopicsReceivesFromEach() throws InterruptedException {
        String prefix = newTopic();
        List<String> topics = new ArrayList<>(TOPICS);
        for (int i = 0; i < TOPICS; i++) {
            topics.add(prefix + "-" + i);
        }
        try (Subscriber subscriber = backend.subscriber(newGroup())) {
            for (String topic : topics) {
                subscriber.subscribe(topic);
            }
            for (String topic : topics) {
                backend.publisher().publish(topic, Message.of(topic));
            }

            assertThat(payloads(receive(subscriber, TOPICS))).containsExactlyInAnyOrderElementsOf(topics);
            assertNothingMore(subscriber);
        }
    }
}
