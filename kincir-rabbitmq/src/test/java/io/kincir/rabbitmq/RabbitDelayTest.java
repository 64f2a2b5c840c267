package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code _delay}: a message waits in a per-delay queue until its TTL expires into the topic's exchange.
 * The assertions on elapsed time are lower bounds, the promise itself ("no earlier than"), not speed.
 */
class RabbitDelayTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final TestRabbit rabbit = new TestRabbit();
    private RabbitBackend backend;
    private final String topic = "kincir-delay-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

    @BeforeEach
    void setUp() {
        ExternalServer.RABBITMQ.require();
        backend = rabbit.backend();
    }

    @AfterEach
    void tearDown() {
        rabbit.close();
    }

    @Test
    void aDelayedMessageArrivesNoEarlierThanItsDelayWithItsUuidAndMetadata() throws Exception {
        try (Subscriber subscriber = backend.subscriber("billing")) {
            subscriber.subscribe(topic);
            Message delayed = Message.of("later").withMetadata(MetadataKeys.DELAY, "PT1S").withMetadata("customer", "Alice");
            long publishedAt = System.nanoTime();
            backend.publisher().publish(topic, List.of(delayed, Message.of("now")));

            assertThat(subscriber.receive(WAIT).orElseThrow().payloadAsString()).isEqualTo("now");
            Message received = subscriber.receive(WAIT).orElseThrow();
            long waitedMillis = (System.nanoTime() - publishedAt) / 1_000_000;

            assertThat(received.payloadAsString()).isEqualTo("later");
            assertThat(waitedMillis).isGreaterThanOrEqualTo(1000);
            assertThat(received.uuid()).isEqualTo(delayed.uuid());
            assertThat(received.metadata()).isEqualTo(Map.of(MetadataKeys.DELAY, "PT1S", "customer", "Alice"));
        }
    }

    @Test
    void aShortDelayIsNotHeldUpBehindALongerOne() throws Exception {
        try (Subscriber subscriber = backend.subscriber("billing")) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, List.of(
                    Message.of("long").withMetadata(MetadataKeys.DELAY, "PT2S"),
                    Message.of("short").withMetadata(MetadataKeys.DELAY, "PT0.3S")));

            assertThat(subscriber.receive(WAIT).orElseThrow().payloadAsString()).isEqualTo("short");
            assertThat(subscriber.receive(WAIT).orElseThrow().payloadAsString()).isEqualTo("long");
        }
    }

    @Test
    void aDelayedMessageGoesToTheGroupsSubscribedWhenItIsDue() throws Exception {
        backend.publisher().publish(topic, Message.of("for whoever is there").withMetadata(MetadataKeys.DELAY, "PT1S"));

        try (Subscriber subscriber = backend.subscriber("late")) {
            subscriber.subscribe(topic);
            assertThat(subscriber.receive(WAIT)).map(Message::payloadAsString).contains("for whoever is there");
        }
    }

    @Test
    void eachDelayHasADurableQueueThatExpiresIntoTheTopicAndDeletesItselfWhenUnused() throws Exception {
        try (Subscriber subscriber = backend.subscriber("billing")) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("x").withMetadata(MetadataKeys.DELAY, "PT0.25S"));
            subscriber.receive(WAIT).orElseThrow();
        }

        try (Channel channel = rabbit.inspector().createChannel()) {
            // Succeeds only if durability and arguments are equivalent to what the backend declared.
            channel.queueDeclare(topic + ".delay.250", true, false, false, Map.of(
                    "x-dead-letter-exchange", topic,
                    "x-expires", 250 + Topology.DELAY_QUEUE_IDLE.toMillis()));
        }
    }
}
