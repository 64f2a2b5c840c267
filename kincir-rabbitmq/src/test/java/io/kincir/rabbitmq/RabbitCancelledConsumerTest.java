package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import io.kincir.AckSubscriber;
import io.kincir.BackendHealth;
import io.kincir.Delivery;
import io.kincir.Message;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer the broker cancels (its queue deleted by another connection) consumes again: the group's
 * queue is declared again, new messages reach the group, and health is down in between.
 */
class RabbitCancelledConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(50);

    private final TestRabbit rabbit = new TestRabbit();
    private final String topic = "kincir-cancel-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final String group = "workers";
    private final String queue = Topology.groupQueue(topic, group);
    private RabbitBackend backend;

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
    void aGroupWhoseQueueWasDeletedDeclaresItAgainAndReceivesNewMessages() throws Exception {
        try (Subscriber subscriber = backend.subscriber(group)) {
            subscriber.subscribe(topic);
            backend.publisher().publish(topic, Message.of("before"));
            assertThat(subscriber.receive(WAIT)).map(Message::payloadAsString).contains("before");

            deleteQueue(queue);
            await().atMost(WAIT).until(() -> {
                subscriber.receive(POLL);
                return queueExists(queue);
            });
            backend.publisher().publish(topic, Message.of("after"));

            assertThat(subscriber.receive(WAIT)).map(Message::payloadAsString).contains("after");
        }
    }

    @Test
    void healthIsDownFromTheCancelUntilTheMemberConsumesAgain() throws Exception {
        try (AckSubscriber subscriber = backend.ackSubscriber(group)) {
            subscriber.subscribe(topic);
            assertThat(backend.health().up()).isTrue();

            deleteQueue(queue);

            // Nothing receives, so the member cannot have consumed again yet: the window stays open.
            BackendHealth cancelled = await().atMost(WAIT).until(backend::health, health -> !health.up());
            assertThat((String) cancelled.details().get("error")).contains("group '" + group + "'")
                    .contains("topic '" + topic + "'").contains("consume");

            Optional<Delivery> none = subscriber.receive(POLL);
            assertThat(none).isEmpty();
            assertThat(backend.health().up()).isTrue();
            backend.publisher().publish(topic, Message.of("after"));
            Delivery delivery = subscriber.receive(WAIT).orElseThrow();
            assertThat(delivery.message().payloadAsString()).isEqualTo("after");
            delivery.ack();
        }
    }

    private void deleteQueue(String name) throws Exception {
        try (Channel channel = rabbit.inspector().createChannel()) {
            channel.queueDelete(name);
        }
    }

    private boolean queueExists(String name) throws Exception {
        Channel channel = rabbit.inspector().createChannel();
        try {
            channel.queueDeclarePassive(name);
            return true;
        } catch (IOException e) {
            return false; // a passive declare of a missing queue closes the channel
        } finally {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }
}
