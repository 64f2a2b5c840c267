package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import io.kincir.BrokerShutdownException;
import io.kincir.Message;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publisher confirms and mandatory returns: every way the broker can refuse a publish fails it, naming the topic. */
class RabbitPublishTest {

    private final TestRabbit rabbit = new TestRabbit();
    private RabbitBackend backend;
    private final String topic = "kincir-publish-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

    @BeforeEach
    void setUp() throws Exception {
        ExternalServer.RABBITMQ.require();
        backend = rabbit.backend();
    }

    @AfterEach
    void tearDown() throws Exception {
        rabbit.close();
    }

    @Test
    void publishingToATopicNoGroupSubscribedToFailsByDefault() {
        assertThatThrownBy(() -> backend.publisher().publish(topic, List.of(Message.of("a"), Message.of("b"))))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.topic()).isEqualTo(topic))
                .hasMessageContaining("returned 2 of 2")
                .hasMessageContaining("NO_ROUTE")
                .hasMessageContaining("'" + topic + "'")
                .hasMessageContaining("kincir.rabbitmq.mandatory=false");
    }

    @Test
    void withoutMandatoryTheBrokerDropsWhatNoGroupTakes() throws Exception {
        RabbitBackend lenient = rabbit.track(rabbit.builder().mandatory(false).build());
        lenient.publisher().publish(topic, Message.of("nobody hears this"));

        try (Subscriber subscriber = lenient.subscriber("late")) {
            subscriber.subscribe(topic);
            lenient.publisher().publish(topic, Message.of("after"));

            assertThat(subscriber.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("after");
            assertThat(subscriber.receive(Duration.ofMillis(300))).isEmpty();
        }
    }

    @Test
    void publishingToATopicWhoseExchangeWasDeletedFailsClearlyAndTheNextPublishDeclaresItAgain() throws Exception {
        try (Subscriber subscriber = backend.subscriber("orders")) {
            subscriber.subscribe(topic);
        }
        backend.publisher().publish(topic, Message.of("before"));
        try (Channel channel = rabbit.inspector().createChannel()) {
            channel.exchangeDelete(topic);
        }

        assertThatThrownBy(() -> backend.publisher().publish(topic, Message.of("lost?")))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.topic()).isEqualTo(topic))
                .hasMessageContaining("has no exchange '" + topic + "'")
                .hasMessageContaining("deleted after this backend declared it");

        // Declared again, but the group's binding went with the old exchange: now nothing takes it.
        assertThatThrownBy(() -> backend.publisher().publish(topic, Message.of("again")))
                .isInstanceOf(PublishException.class).hasMessageContaining("NO_ROUTE");
        try (Channel channel = rabbit.inspector().createChannel()) {
            channel.exchangeDeclarePassive(topic);
        }
    }

    @Test
    void aNegativeConfirmFailsThePublish() throws Exception {
        try (Subscriber subscriber = backend.subscriber("orders")) {
            subscriber.subscribe(topic);
        }
        String full = topic + ".full";
        try (Channel channel = rabbit.inspector().createChannel()) {
            // A queue that refuses messages beyond its first: the broker nacks the rest.
            channel.queueDeclare(full, false, false, true, Map.of("x-max-length", 1, "x-overflow", "reject-publish"));
            channel.queueBind(full, topic, "");
        }
        try {
            assertThatThrownBy(() -> backend.publisher().publish(topic, List.of(Message.of("1"), Message.of("2"))))
                    .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.topic()).isEqualTo(topic))
                    .hasMessageContaining("refused (nack)");
        } finally {
            try (Channel channel = rabbit.inspector().createChannel()) {
                channel.queueDelete(full);
            }
        }
    }

    @Test
    void aBatchNotConfirmedWithinTheTimeoutFailsThePublish() throws Exception {
        RabbitBackend impatient = rabbit.track(rabbit.builder().confirmTimeout(Duration.ofMillis(1)).build());
        try (Subscriber subscriber = impatient.subscriber("orders")) {
            subscriber.subscribe(topic);
        }
        // 50 MiB of persistent messages: the broker cannot read, store and confirm the tail of that
        // within a millisecond of the last byte being written.
        byte[] payload = new byte[256 * 1024];
        new Random(1).nextBytes(payload);
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(Message.of(payload));
        }

        assertThatThrownBy(() -> impatient.publisher().publish(topic, batch))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.topic()).isEqualTo(topic))
                .hasMessageContaining("did not confirm a batch of 200")
                .hasMessageContaining("kincir.rabbitmq.confirm-timeout=PT0.001S");
    }

    @Test
    void publishingAfterCloseIsRefused() {
        backend.close();

        assertThatThrownBy(() -> backend.publisher().publish(topic, Message.of("late")))
                .isInstanceOf(BrokerShutdownException.class);
    }
}
