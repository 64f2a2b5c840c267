package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.kincir.Message;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the backend declares and how it puts messages on the wire, inspected with plain AMQP: passive
 * declares, declarations that succeed only if equivalent, and basic.get.
 */
class RabbitTopologyTest {

    private final TestRabbit rabbit = new TestRabbit();
    private RabbitBackend backend;
    private final String topic = "kincir-topology-" + Long.toHexString(ThreadLocalRandom.current().nextLong());

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
    void aGroupIsADurableQueueNamedTopicDotGroupBoundToADurableFanoutExchange() throws Exception {
        try (Subscriber subscriber = backend.subscriber("billing")) {
            subscriber.subscribe(topic);

            try (Channel channel = rabbit.inspector().createChannel()) {
                // A redeclaration succeeds only if type, durability and arguments are all equivalent.
                channel.exchangeDeclare(topic, "fanout", true, false, null);
                channel.queueDeclare(topic + ".billing", true, false, false, Map.of(
                        "x-dead-letter-exchange", "", "x-dead-letter-routing-key", topic + ".billing.rejected",
                        "x-max-priority", 9));
                channel.queueDeclarePassive(topic + ".billing.rejected");
                assertThat(channel.queueDeclarePassive(topic + ".billing").getConsumerCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aDurableGroupQueueOutlivesItsMembers() throws Exception {
        backend.subscriber("audit").close();
        Subscriber subscriber = backend.subscriber("audit");
        subscriber.subscribe(topic);
        subscriber.close();
        backend.publisher().publish(topic, Message.of("kept"));

        try (Channel channel = rabbit.inspector().createChannel()) {
            AMQP.Queue.DeclareOk queue = channel.queueDeclarePassive(topic + ".audit");
            assertThat(queue.getConsumerCount()).isZero();
            assertThat(queue.getMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void aGroupQueueDeletedOutsideKincirFailsTheSubscribeClearlyAndTheNextOneDeclaresItAgain() throws Exception {
        backend.subscriber("billing").subscribe(topic);
        try (Channel channel = rabbit.inspector().createChannel()) {
            channel.queueDelete(topic + ".billing");
        }

        Subscriber failing = backend.subscriber("billing");
        assertThatThrownBy(() -> failing.subscribe(topic)).isInstanceOf(io.kincir.BackendUnavailableException.class)
                .hasMessageContaining("NOT_FOUND").hasMessageContaining("subscribing again declares it again");
        try (Subscriber again = backend.subscriber("billing")) {
            again.subscribe(topic);
            backend.publisher().publish(topic, Message.of("back"));
            assertThat(again.receive(Duration.ofSeconds(10))).map(Message::payloadAsString).contains("back");
        }
    }

    @Test
    void aPrivateSubscriberGetsAnExclusiveQueueThatGoesAwayWithIt() throws Exception {
        String queue;
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            queue = backend.members().get(0).queueOf(topic);

            Channel other = rabbit.inspector().createChannel(); // another connection: the broker closes this channel
            assertThatThrownBy(() -> other.queueDeclarePassive(queue)).hasStackTraceContaining("RESOURCE_LOCKED");
        }

        Channel channel = rabbit.inspector().createChannel(); // the broker closes it over the failed passive declare
        assertThatThrownBy(() -> channel.queueDeclarePassive(queue)).hasStackTraceContaining("NOT_FOUND");
        // With the private queue gone, nothing is bound: the mandatory publish comes back.
        assertThatThrownBy(() -> backend.publisher().publish(topic, Message.of("nobody")))
                .isInstanceOf(PublishException.class).hasMessageContaining("NO_ROUTE");
    }

    @Test
    void uuidMetadataAndPayloadMapToMessageIdHeadersAndBodyAsPersistentMessages() throws Exception {
        try (Subscriber subscriber = backend.subscriber("wire")) {
            subscriber.subscribe(topic);
        }
        Message sent = Message.of("order-7", "Order #7".getBytes(StandardCharsets.UTF_8),
                Map.of("customer", "Alice", "content_type", "text/plain"));
        backend.publisher().publish(topic, sent);

        try (Channel channel = rabbit.inspector().createChannel()) {
            GetResponse response = channel.basicGet(topic + ".wire", true);
            assertThat(response).isNotNull();
            assertThat(response.getProps().getMessageId()).isEqualTo("order-7");
            assertThat(response.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(response.getProps().getContentType()).isEqualTo("text/plain");
            assertThat(response.getProps().getHeaders()).containsOnlyKeys("customer", "content_type");
            assertThat(response.getProps().getHeaders().get("customer")).hasToString("Alice");
            assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).isEqualTo("Order #7");
        }
    }

    @Test
    void transientMessagesWhenPersistentIsOff() throws Exception {
        RabbitBackend transientBackend = rabbit.track(rabbit.builder().persistent(false).build());
        try (Subscriber subscriber = transientBackend.subscriber("wire")) {
            subscriber.subscribe(topic);
        }
        transientBackend.publisher().publish(topic, Message.of("fast"));

        try (Channel channel = rabbit.inspector().createChannel()) {
            assertThat(channel.basicGet(topic + ".wire", true).getProps().getDeliveryMode()).isEqualTo(1);
        }
    }

    @Test
    void aMessageFromAnotherProducerGetsAUuidAndItsHeadersInStringFormAsMetadata() throws Exception {
        try (Subscriber subscriber = backend.subscriber("foreign")) {
            subscriber.subscribe(topic);
            try (Channel channel = rabbit.inspector().createChannel()) {
                AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                        .headers(Map.of("source", "legacy", "count", 3)).build();
                channel.basicPublish(topic, "", properties, "hello".getBytes(StandardCharsets.UTF_8));
            }

            Optional<Message> received = subscriber.receive(Duration.ofSeconds(10));
            assertThat(received).isPresent();
            assertThat(received.get().uuid()).isNotBlank();
            assertThat(received.get().metadata()).containsOnly(Map.entry("source", "legacy"), Map.entry("count", "3"));
            assertThat(received.get().payloadAsString()).isEqualTo("hello");
        }
    }
}
