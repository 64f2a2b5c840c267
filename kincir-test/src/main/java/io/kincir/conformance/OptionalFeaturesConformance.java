package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kincir.Features;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The optional behaviours a backend declares in its {@link Features}: each test runs where the
 * backend declares the behaviour, and is reported as skipped, naming the feature, where it does not.
 */
public abstract class OptionalFeaturesConformance extends BackendConformance {

    @Test
    void unkeyedMessagesKeepTheirTopicOrder() throws InterruptedException {
        require(backend.features().order() == Features.OrderScope.TOPIC, "order per topic");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            List<Message> sent = messages("unkeyed", 500);
            for (Message message : sent.subList(0, 250)) {
                backend.publisher().publish(topic, message);
            }
            backend.publisher().publish(topic, sent.subList(250, 500));

            assertThat(payloads(receive(subscriber, sent.size()))).containsExactlyElementsOf(payloads(sent));
        }
    }

    @Test
    void messagesAreNumberedPerTopicFromOne() throws InterruptedException {
        require(backend.features().sequence(), "_sequence");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, messages("numbered", 5));

            assertThat(receive(subscriber, 5)).extracting(m -> m.metadata(MetadataKeys.SEQUENCE).orElse(null))
                    .containsExactly("1", "2", "3", "4", "5");
        }
    }

    @Test
    void aMessagePastItsTtlIsNeverHandedOut() throws InterruptedException {
        require(backend.features().ttl(), "_ttl");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            Duration ttl = Duration.ofMillis(200);
            backend.publisher().publish(topic, Message.of("expires").withMetadata(MetadataKeys.TTL, ttl.toString()));
            long expiredAt = System.nanoTime() + ttl.toNanos();
            // Expiry is a matter of time passing: nothing to wait on but the clock.
            while (System.nanoTime() - expiredAt < Duration.ofMillis(100).toNanos()) {
                Thread.sleep(20);
            }
            backend.publisher().publish(topic, Message.of("fresh"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("fresh");
            assertNothingMore(subscriber);
        }
    }

    @Test
    void aDelayedMessageArrivesNoEarlierThanAsked() throws InterruptedException {
        require(backend.features().delay(), "_delay");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            Duration delay = Duration.ofSeconds(1);
            long published = System.nanoTime();
            backend.publisher().publish(topic, Message.of("later").withMetadata(MetadataKeys.DELAY, delay.toString()));

            Optional<Message> received = subscriber.receive(receiveTimeout());
            long elapsed = System.nanoTime() - published;

            assertThat(received).map(Message::payloadAsString).contains("later");
            assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(delay);
        }
    }

    private void require(boolean declared, String feature) {
        Assumptions.assumeTrue(declared, () -> backend.getClass().getSimpleName() + " does not declare " + feature
                + " in its Features");
    }
}
