package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.kincir.BackendUnavailableException;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.UnsupportedFeatureException;
import io.kincir.conformance.ExternalServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code _priority} and {@code _ttl} on the wire (the AMQP priority and expiration properties,
 * {@code x-max-priority} queues), and queues that exist without priorities.
 */
class RabbitPriorityAndTtlTest {

    private final TestRabbit rabbit = new TestRabbit();
    private final String topic = "kincir-priority-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

    @BeforeEach
    void setUp() {
        ExternalServer.RABBITMQ.require();
    }

    @AfterEach
    void tearDown() throws Exception {
        rabbit.close();
    }

    @Test
    void priorityAndTtlTravelAsTheMessagesAmqpPriorityAndExpiration() throws Exception {
        RabbitBackend backend = rabbit.backend();
        try (Subscriber subscriber = backend.subscriber("wire")) {
            subscriber.subscribe(topic);
        }
        backend.publisher().publish(topic, Message.of("urgent").withMetadata(MetadataKeys.PRIORITY, "7")
                .withMetadata(MetadataKeys.TTL, "PT1M"));

        try (Channel channel = rabbit.inspector().createChannel()) {
            GetResponse response = channel.basicGet(topic + ".wire", true);
            assertThat(response.getProps().getPriority()).isEqualTo(7);
            assertThat(response.getProps().getExpiration()).isEqualTo("60000");
            assertThat(response.getProps().getHeaders()).containsKey(MetadataKeys.PUBLISHED_AT);
        }
    }

    @Test
    void aGroupQueueDeclaredWithoutPrioritiesFailsTheSubscribeSayingWhatToDo() throws Exception {
        try (Channel channel = rabbit.inspector().createChannel()) {
            // As a Kincir without priorities declared it.
            channel.exchangeDeclare(topic, "fanout", true, false, null);
            channel.queueDeclare(topic + ".legacy.rejected", true, false, false, null);
            channel.queueDeclare(topic + ".legacy", true, false, false, Map.of("x-dead-letter-exchange", "",
                    "x-dead-letter-routing-key", topic + ".legacy.rejected"));
        }

        assertThatThrownBy(() -> rabbit.backend().subscriber("legacy").subscribe(topic))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("x-max-priority").hasMessageContaining("kincir.rabbitmq.max-priority");

        RabbitBackend withoutPriorities = rabbit.track(rabbit.builder().maxPriority(0).build());
        try (Subscriber subscriber = withoutPriorities.subscriber("legacy")) {
            subscriber.subscribe(topic);
            withoutPriorities.publisher().publish(topic, Message.of("kept"));
            assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("kept");
        }
    }

    @Test
    void withoutPrioritiesAMessageWithPriorityIsRefused() {
        RabbitBackend withoutPriorities = rabbit.track(rabbit.builder().maxPriority(0).build());
        assertThat(withoutPriorities.features().priority()).isFalse();

        assertThatThrownBy(() -> withoutPriorities.publisher().publish(topic,
                List.of(Message.of("urgent").withMetadata(MetadataKeys.PRIORITY, "9"))))
                .isInstanceOfSatisfying(UnsupportedFeatureException.class,
                        e -> assertThat(e.key()).isEqualTo(MetadataKeys.PRIORITY))
                .hasMessageContaining("in-memory and RabbitMQ");
    }

    @Test
    void aMaxPriorityOutOfRangeIsRefused() {
        assertThatThrownBy(() -> rabbit.builder().maxPriority(10).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPriority");
    }
}
