package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Message;
import io.kincir.Subscriber;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A named group outlives its members: what is published while no member is connected waits for the
 * next one. A plain subscriber acknowledges on receipt: what it received is not delivered again.
 */
public abstract class DurableGroupConformance extends BackendConformance {

    @Test
    void messagesPublishedWhileAGroupHasNoMemberWaitForTheNextOne() throws InterruptedException {
        String topic = newTopic();
        String group = newGroup();
        Subscriber first = backend.subscriber(group);
        first.subscribe(topic);
        first.close();

        backend.publisher().publish(topic, messages("waiting", 5));

        try (Subscriber next = backend.subscriber(group)) {
            next.subscribe(topic);
            assertThat(payloads(receive(next, 5))).containsExactlyInAnyOrderElementsOf(payloads(messages("waiting", 5)));
        }
    }

    @Test
    void aPlainSubscriberAcknowledgesOnReceipt() throws InterruptedException {
        String topic = newTopic();
        String group = newGroup();
        Subscriber first = backend.subscriber(group);
        first.subscribe(topic);
        backend.publisher().publish(topic, List.of(Message.of("taken").withMetadata("partition_key", "k"),
                Message.of("left").withMetadata("partition_key", "k")));
        assertThat(payloads(receive(first, 1))).containsExactly("taken");
        first.close();

        try (Subscriber next = backend.subscriber(group)) {
            next.subscribe(topic);
            assertThat(payloads(receive(next, 1))).containsExactly("left");
            assertNothingMore(next);
        }
    }
}
