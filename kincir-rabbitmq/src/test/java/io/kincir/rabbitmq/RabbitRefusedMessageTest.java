package io.kincir.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.NoOpMetricsCollector;
import io.kincir.Message;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import io.kincir.conformance.ExternalServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/**
 * Messages AMQP cannot carry (a message id, header name or content type over a short string's 255
 * bytes, headers over the negotiated frame size) fail the whole batch before any of it is sent, with
 * a {@link PublishException} naming the message, and leave the publishing channel usable.
 */
class RabbitRefusedMessageTest {

    private static final String LONG = "x".repeat(300);

    private final TestRabbit rabbit = new TestRabbit();
    private final String topic = "kincir-refused-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final OpenChannels openChannels = new OpenChannels();
    private CachingConnectionFactory countingFactory;
    private RabbitBackend backend;

    @BeforeEach
    void setUp() throws Exception {
        ExternalServer.RABBITMQ.require();
        ConnectionFactory client = new ConnectionFactory();
        client.setHost(ExternalServer.RABBITMQ.host());
        client.setPort(ExternalServer.RABBITMQ.port());
        client.setMetricsCollector(openChannels);
        countingFactory = new CachingConnectionFactory(client);
        backend = rabbit.track(RabbitBackend.builder().connectionFactory(countingFactory).build());
        try (Subscriber subscriber = backend.subscriber("orders")) {
            subscriber.subscribe(topic);
        }
    }

    @AfterEach
    void tearDown() {
        try {
            rabbit.close();
        } finally {
            countingFactory.destroy();
        }
    }

    @Test
    void aMessageIdLongerThanAShortStringFailsTheBatchBeforeAnythingIsSent() throws Exception {
        Message refused = Message.of(LONG, bytes("refused"), Map.of());

        assertRefusedAlone(refused, "message id is 300 bytes");
    }

    @Test
    void aHeaderNameLongerThanAShortStringFailsTheBatchBeforeAnythingIsSent() throws Exception {
        Message refused = Message.of("with-long-key", bytes("refused"), Map.of(LONG, "value"));

        assertRefusedAlone(refused, "metadata key 'xxxx");
    }

    @Test
    void aContentTypeLongerThanAShortStringFailsTheBatchBeforeAnythingIsSent() throws Exception {
        Message refused = Message.of("with-long-type", bytes("refused"), Map.of("content_type", LONG));

        assertRefusedAlone(refused, "content_type");
    }

    @Test
    void headersOverTheNegotiatedFrameSizeFailTheBatchBeforeAnythingIsSent() throws Exception {
        // An error text quoting a large payload, as a dead letter carries it: beyond the 128 KiB
        // frame the server offers by default.
        Message refused = Message.of("with-large-error", bytes("refused"), Map.of("_error", "e".repeat(200_000)));

        assertRefusedAlone(refused, "frame_max");
    }

    private void assertRefusedAlone(Message refused, String reason) throws Exception {
        backend.publisher().publish(topic, Message.of("warm-up"));
        String queue = Topology.groupQueue(topic, "orders");
        drain(queue);
        int channelsBefore = openChannels.count();

        assertThatThrownBy(() -> backend.publisher().publish(topic, List.of(Message.of("first"), refused)))
                .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.topic()).isEqualTo(topic))
                .hasMessageContaining(refused.uuid().length() > 80 ? refused.uuid().substring(0, 40) : refused.uuid())
                .hasMessageContaining(reason)
                .hasMessageContaining("None of the batch of 2 was published");

        backend.publisher().publish(topic, Message.of("after"));
        try (Channel channel = rabbit.inspector().createChannel()) {
            GetResponse only = channel.basicGet(queue, true);
            assertThat(only).isNotNull();
            assertThat(new String(only.getBody(), StandardCharsets.UTF_8)).isEqualTo("after");
            assertThat(channel.basicGet(queue, true)).isNull();
        }
        assertThat(openChannels.count()).as("channels open after the refused batch").isEqualTo(channelsBefore);
    }

    private void drain(String queue) throws Exception {
        try (Channel channel = rabbit.inspector().createChannel()) {
            channel.queuePurge(queue);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts the channels the client library has open on the backend's connection. */
    private static final class OpenChannels extends NoOpMetricsCollector {

        private final AtomicInteger open = new AtomicInteger();

        @Override
        public void newChannel(com.rabbitmq.client.Channel channel) {
            open.incrementAndGet();
        }

        @Override
        public void closeChannel(com.rabbitmq.client.Channel channel) {
            open.decrementAndGet();
        }

        int count() {
            return open.get();
        }
    }
}
