package io.kincir.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.AckSubscriber;
import io.kincir.Delivery;
import io.kincir.Features;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.UnsupportedFeatureException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The optional behaviours a backend declares in its {@link Features}: each test runs where the
 * backend declares the behaviour, and is reported as skipped, naming the feature, where it does not.
 */
public abstract class OptionalFeaturesConformance extends BackendConformance {

    private static final List<String> EXPIRED_COUNT_KEYS = List.of("expiredMessages", "expired");

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
            awaitPast(ttl);
            backend.publisher().publish(topic, Message.of("fresh"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("fresh");
            assertNothingMore(subscriber);
            expiredCount().ifPresent(count -> assertThat(count).as("expired messages the backend counted")
                    .isGreaterThanOrEqualTo(1));
        }
    }

    @Test
    void aMessagePastItsTtlIsSettledForItsGroupAndNeverComesBack() throws InterruptedException {
        require(backend.features().ttl(), "_ttl");
        String topic = newTopic();
        String group = createIdleGroup(topic);
        Duration ttl = Duration.ofMillis(200);
        backend.publisher().publish(topic, Message.of("expires").withMetadata(MetadataKeys.TTL, ttl.toString()));
        awaitPast(ttl);
        backend.publisher().publish(topic, Message.of("fresh"));

        try (AckSubscriber member = backend.ackSubscriber(group)) {
            member.subscribe(topic);
            Delivery fresh = receive(member);
            assertThat(fresh.message().payloadAsString()).isEqualTo("fresh");
            fresh.ack();
            assertNothingMore(member);
        }
        try (AckSubscriber next = backend.ackSubscriber(group)) {
            next.subscribe(topic);
            assertNothingMore(next);
        }
    }

    @Test
    void aMessageWhoseTtlEndsDuringItsDelayIsNeverHandedOut() throws InterruptedException {
        require(backend.features().ttl() && backend.features().delay(), "_ttl and _delay");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("too late").withMetadata(MetadataKeys.DELAY, "PT0.5S")
                    .withMetadata(MetadataKeys.TTL, "PT0.2S"));
            backend.publisher().publish(topic, Message.of("in time").withMetadata(MetadataKeys.DELAY, "PT0.6S"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("in time");
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

    @Test
    void aMessageOfHigherPriorityOvertakesWaitingOnes() throws InterruptedException {
        require(backend.features().priority(), "_priority");
        String topic = newTopic();
        // No member receives while they are published, so they all wait in the group's queue together.
        String group = createIdleGroup(topic);
        backend.publisher().publish(topic, List.of(Message.of("plain-0"), Message.of("plain-1")));
        backend.publisher().publish(topic, List.of(priority("low-0", 1), priority("low-1", 1)));
        backend.publisher().publish(topic, List.of(priority("high-0", MetadataKeys.MAX_PRIORITY),
                priority("high-1", MetadataKeys.MAX_PRIORITY)));

        try (Subscriber next = backend.subscriber(group)) {
            next.subscribe(topic);
            assertThat(payloads(receive(next, 6)))
                    .containsExactly("high-0", "high-1", "low-0", "low-1", "plain-0", "plain-1");
        }
    }

    @Test
    void aPriorityOutOfRangeIsRefused() throws InterruptedException {
        require(backend.features().priority(), "_priority");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            for (String value : List.of("10", "-1", "high")) {
                Message message = Message.of("refused").withMetadata(MetadataKeys.PRIORITY, value);
                assertThatThrownBy(() -> backend.publisher().publish(topic, List.of(Message.of("before"), message)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(MetadataKeys.PRIORITY);
            }
            backend.publisher().publish(topic, Message.of("after"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("after");
            assertNothingMore(subscriber);
        }
    }

    @Test
    void aTtlTheBackendCannotHonourIsRefused() throws InterruptedException {
        refuse(backend.features().ttl(), MetadataKeys.TTL, "PT30S");
    }

    @Test
    void aDelayTheBackendCannotHonourIsRefused() throws InterruptedException {
        refuse(backend.features().delay(), MetadataKeys.DELAY, "PT1S");
    }

    @Test
    void aPriorityTheBackendCannotHonourIsRefused() throws InterruptedException {
        refuse(backend.features().priority(), MetadataKeys.PRIORITY, "5");
    }

    /** A backend without the feature refuses the whole batch, naming the key, and delivers none of it. */
    private void refuse(boolean declared, String key, String value) throws InterruptedException {
        Assumptions.assumeFalse(declared, () -> backend.getClass().getSimpleName() + " declares " + key
                + " in its Features");
        String topic = newTopic();
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            List<Message> batch = List.of(Message.of("before"), Message.of("asking").withMetadata(key, value));

            assertThatThrownBy(() -> backend.publisher().publish(topic, batch))
                    .isInstanceOfSatisfying(UnsupportedFeatureException.class, e -> assertThat(e.key()).isEqualTo(key))
                    .hasMessageContaining(key);
            backend.publisher().publish(topic, Message.of("after"));

            assertThat(payloads(receive(subscriber, 1))).containsExactly("after");
            assertNothingMore(subscriber);
        }
    }

    /** @return a new group on the topic, without members */
    private String createIdleGroup(String topic) {
        String group = newGroup();
        try (Subscriber first = backend.subscriber(group)) {
            first.subscribe(topic);
        }
        return group;
    }

    /** Waits until a message published now is past the TTL, with a margin. */
    private static void awaitPast(Duration ttl) throws InterruptedException {
        long expiredAt = System.nanoTime() + ttl.toNanos();
        // Expiry is a matter of time passing: nothing to wait on but the clock.
        while (System.nanoTime() - expiredAt < Duration.ofMillis(100).toNanos()) {
            Thread.sleep(20);
        }
    }

    private static Message priority(String payload, int priority) {
        return Message.of(payload).withMetadata(MetadataKeys.PRIORITY, Integer.toString(priority));
    }

    /**
     * @return the expired messages the backend counts in its health details, where it counts them: the
     *     in-memory broker as {@code expiredMessages}, backends that skip them at delivery as {@code expired}
     */
    private Optional<Long> expiredCount() {
        Map<String, Object> details = backend.health().details();
        return EXPIRED_COUNT_KEYS.stream().map(details::get).filter(Number.class::isInstance)
                .map(count -> ((Number) count).longValue()).findFirst();
    }

    private void require(boolean declared, String feature) {
        Assumptions.assumeTrue(declared, () -> backend.getClass().getSimpleName() + " does not declare " + feature
                + " in its Features");
    }
}
