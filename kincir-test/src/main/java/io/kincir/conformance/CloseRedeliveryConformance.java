package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Message;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Deliveries left unacknowledged when an ack subscriber closes go to another member of the group. */
public abstract class CloseRedeliveryConformance extends BackendConformance {

    @Test
    void unackedDeliveriesOfAClosedMemberGoToAnotherMember() throws InterruptedException {
        String topic = newTopic();
        String group = newGroup();
        List<Message> sent = messages("unacked", 3);
        try (AckSubscriber survivor = backend.ackSubscriber(group)) {
            AckSubscriber leaving = backend.ackSubscriber(group);
            leaving.subscribe(topic);
            backend.publisher().publish(topic, sent);
            List<Delivery> held = receive(leaving, 3);
            survivor.subscribe(topic);

            leaving.close();

            List<Delivery> redelivered = receive(survivor, 3);
            assertThat(redelivered).extracting(d -> d.message().uuid())
                    .containsExactlyInAnyOrderElementsOf(held.stream().map(d -> d.message().uuid()).toList());
            redelivered.forEach(Delivery::ack);
            assertNothingMore(survivor);
        }
    }

    @Test
    void unackedDeliveriesWaitForAMemberThatJoinsLater() throws InterruptedException {
        Assumptions.assumeTrue(backend.features().closeRedeliversAtOnce(), () -> backend.getClass().getSimpleName()
                + " declares closeRedeliversLate in its Features");
        String topic = newTopic();
        String group = newGroup();
        AckSubscriber leaving = backend.ackSubscriber(group);
        leaving.subscribe(topic);
        backend.publisher().publish(topic, messages("later", 2));
        receive(leaving, 2);
        leaving.close();

        try (AckSubscriber joining = backend.ackSubscriber(group)) {
            joining.subscribe(topic);
            List<Delivery> redelivered = receive(joining, 2);
            assertThat(redelivered).extracting(d -> d.message().payloadAsString())
                    .containsExactlyInAnyOrder("later-0", "later-1");
            redelivered.forEach(Delivery::ack);
        }
    }

    @Test
    void settlingAfterCloseIsAnError() throws InterruptedException {
        String topic = newTopic();
        AckSubscriber subscriber = backend.ackSubscriber(newGroup());
        subscriber.subscribe(topic);
        backend.publisher().publish(topic, Message.of("x"));
        Delivery delivery = receive(subscriber);
        subscriber.close();

        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(delivery::ack);
    }
}
