package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.LongString;
import io.kincir.Backend;
import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Subscriber;
import io.kincir.conformance.ForeignMessagesConformance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AMQP messages from and to a plain RabbitMQ client: typed headers, and the {@code content-type},
 * {@code message-id} and {@code correlation-id} properties.
 */
class RabbitForeignMessagesTest extends ForeignMessagesConformance {

    @RegisterExtension
    static final TestRabbit RABBIT = new TestRabbit();

    @Override
    protected Backend createBackend() {
        return RABBIT.backend();
    }

    /** AMQP gives a message no place of its own: one without a message id gets a random uuid each time. */
    @Override
    protected boolean positionGivesTheUuid() {
        return false;
    }

    @Override
    protected void publishForeign(String topic, ForeignMessage message) throws Exception {
        try (Channel channel = RABBIT.inspector().createChannel()) {
            channel.confirmSelect();
            channel.basicPublish(topic, "", new AMQP.BasicProperties.Builder()
                    .headers(message.headers())
                    .contentType(message.contentType())
                    .messageId(message.messageId())
                    .correlationId(message.correlationId())
                    .build(), message.payload());
            channel.waitForConfirmsOrDie(10_000);
        }
    }

    @Override
    protected ForeignReader readForeign(String topic) throws Exception {
        return new Reader(RABBIT.inspector().createChannel(), topic);
    }

    @Test
    void aKincirMessagesContentTypeAndCorrelationIdAreAlsoItsAmqpProperties() throws Exception {
        String topic = newTopic();
        Message sent = Message.of("{}").withMetadata(MetadataKeys.CONTENT_TYPE, "application/json")
                .withMetadata(MetadataKeys.CORRELATION_ID, "corr-3");
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            try (Reader reader = (Reader) readForeign(topic)) {
                backend.publisher().publish(topic, sent);

                reader.next(receiveTimeout()).orElseThrow();

                assertThat(reader.last.getProperties().getContentType()).isEqualTo("application/json");
                assertThat(reader.last.getProperties().getCorrelationId()).isEqualTo("corr-3");
                assertThat(reader.last.getProperties().getMessageId()).isEqualTo(sent.uuid());
            }
        }
    }

    @Test
    void aCorrelationIdLongerThanTheAmqpPropertyTakesTravelsOnlyAsItsHeader() throws Exception {
        String topic = newTopic();
        Message sent = Message.of("{}").withMetadata(MetadataKeys.CORRELATION_ID, "c".repeat(300));
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            try (Reader reader = (Reader) readForeign(topic)) {
                backend.publisher().publish(topic, sent);

                assertThat(receive(subscriber, 1).get(0).metadata()).containsAllEntriesOf(sent.metadata());
                reader.next(receiveTimeout()).orElseThrow();
                assertThat(reader.last.getProperties().getCorrelationId()).isNull();
            }
        }
    }

    @Test
    void headersOfOtherTypesAreLeftOutAndAnAmqpTimestampReadsAsIsoInstant() throws Exception {
        String topic = newTopic();
        Map<String, Object> headers = new HashMap<>();
        headers.put("list", List.of("a", "b"));
        headers.put("table", Map.of("k", "v"));
        headers.put("at", new Date(1_700_000_000_000L));
        try (Subscriber subscriber = backend.subscriber()) {
            subscriber.subscribe(topic);
            publishForeign(topic, new ForeignMessage(new byte[0], headers, null, "typed", null));

            Message received = receive(subscriber, 1).get(0);

            assertThat(received.metadata()).containsEntry("at", "2023-11-14T22:13:20Z")
                    .doesNotContainKeys("list", "table");
        }
    }

    /**
     * A queue of the reader's own bound to the topic's exchange, consumed as docs/rabbitmq.md says: the
     * body is the payload, the message id the uuid, the headers the metadata.
     */
    private static final class Reader implements ForeignReader {

        private final Channel channel;
        private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
        private Delivery last;

        Reader(Channel channel, String topic) throws Exception {
            this.channel = channel;
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, topic, "");
            channel.basicConsume(queue, true, (tag, delivery) -> deliveries.add(delivery), tag -> { });
        }

        @Override
        public Optional<Found> next(Duration timeout) throws Exception {
            Delivery delivery = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (delivery == null) {
                return Optional.empty();
            }
            last = delivery;
            Map<String, String> metadata = new HashMap<>();
            Map<String, Object> headers = delivery.getProperties().getHeaders();
            if (headers != null) {
                headers.forEach((key, value) -> metadata.put(key, value instanceof LongString text
                        ? new String(text.getBytes(), StandardCharsets.UTF_8) : String.valueOf(value)));
            }
            return Optional.of(new Found(delivery.getBody(), delivery.getProperties().getMessageId(), metadata));
        }

        @Override
        public void close() throws Exception {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }
}
