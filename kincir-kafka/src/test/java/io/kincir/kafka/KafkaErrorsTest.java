package io.kincir.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.BackendHealth;
import io.kincir.KincirException;
import io.kincir.Message;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/** Failures say what happened and what to do; health says whether the cluster answers. */
class KafkaErrorsTest {

    @Test
    void aRecordTooLargeFailsThePublishNamingTheTopicAndTheSetting() {
        try (KafkaBackend backend = SharedKafkaBroker.backend().build()) {
            String topic = KafkaRecordsTest.topic();
            Message tooLarge = Message.of(new byte[SharedKafkaBroker.MAX_MESSAGE_BYTES + 1]);

            assertThatThrownBy(() -> backend.publisher().publish(topic, java.util.List.of(Message.of("fits"), tooLarge)))
                    .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.topic()).isEqualTo(topic))
                    .hasMessageContaining("'" + topic + "'")
                    .hasMessageContaining("1 of 2")
                    .hasMessageContaining(tooLarge.uuid())
                    .hasMessageContaining("max.request.size");
        }
    }

    @Test
    void aMissingTopicWithoutAutoCreationIsAClearError() {
        try (KafkaBackend backend = SharedKafkaBroker.backend().autoCreateTopics(false).build();
                Subscriber subscriber = backend.subscriber()) {
            String topic = KafkaRecordsTest.topic();

            assertThatThrownBy(() -> backend.publisher().publish(topic, Message.of("x")))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("'" + topic + "' does not exist")
                    .hasMessageContaining("kincir.kafka.auto-create-topics");
            assertThatThrownBy(() -> subscriber.subscribe(topic))
                    .isInstanceOf(KincirException.class)
                    .hasMessageContaining("'" + topic + "' does not exist");
        }
    }

    @Test
    void anUnreachableClusterFailsThePublishWithinTheTimeout() throws IOException {
        try (KafkaBackend backend = unreachable().build()) {
            assertThatThrownBy(() -> backend.publisher().publish("orders", Message.of("x")))
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("'orders'")
                    .hasMessageContaining("bootstrap-servers");
        }
    }

    @Test
    void healthIsUpWithTheClustersDetails() {
        try (KafkaBackend backend = SharedKafkaBroker.backend().build()) {
            BackendHealth health = backend.health();

            assertThat(health.up()).isTrue();
            assertThat(health.details()).containsEntry("backend", "kafka").containsEntry("nodes", 1)
                    .containsEntry("bootstrapServers", SharedKafkaBroker.bootstrapServers())
                    .containsKeys("clusterId", "controller");
            assertThat((String) health.details().get("clusterId")).isNotBlank();
        }
    }

    @Test
    void healthIsDownWithTheReasonWhenNoBrokerAnswers() throws IOException {
        try (KafkaBackend backend = unreachable().build()) {
            BackendHealth health = backend.health();

            assertThat(health.up()).isFalse();
            assertThat((String) health.details().get("error")).contains("did not answer");
        }
    }

    @Test
    void healthIsDownOnceClosed() {
        KafkaBackend backend = SharedKafkaBroker.backend().build();
        backend.close();

        assertThat(backend.health().up()).isFalse();
    }

    @Test
    void badSettingsAreRefusedWhenBuilding() {
        assertThatIllegalArgumentException().isThrownBy(() -> KafkaBackend.builder().build())
                .withMessageContaining("bootstrapServers");
        assertThatIllegalArgumentException().isThrownBy(() -> SharedKafkaBroker.backend().partitions(0).build())
                .withMessageContaining("partitions");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SharedKafkaBroker.backend().producerFactory(new DefaultKafkaProducerFactory<>(
                        Map.of("bootstrap.servers", "x:1"), new StringSerializer(), new StringSerializer())).build())
                .withMessageContaining("StringSerializer");
    }

    @Test
    void springKafkaFactoriesWithStringSerializersAreUsedForBytes() throws InterruptedException {
        Map<String, Object> producer = Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class);
        Map<String, Object> consumer = Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers(),
                "key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class,
                "value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
        try (KafkaBackend backend = KafkaBackend.builder()
                .producerFactory(new DefaultKafkaProducerFactory<>(producer))
                .consumerFactory(new DefaultKafkaConsumerFactory<>(consumer))
                .kafkaAdmin(new KafkaAdmin(Map.of("bootstrap.servers", SharedKafkaBroker.bootstrapServers())))
                .build();
                Subscriber subscriber = backend.subscriber()) {
            String topic = KafkaRecordsTest.topic();
            subscriber.subscribe(topic);
            byte[] binary = {0, (byte) 0xff, 1};
            backend.publisher().publish(topic, Message.of(binary));

            assertThat(subscriber.receive(Duration.ofSeconds(15)).orElseThrow().payload()).isEqualTo(binary);
        }
    }

    private static KafkaBackend.Builder unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        return KafkaBackend.builder().bootstrapServers("127.0.0.1:" + closedPort)
                .producerProperties(Map.of("max.block.ms", 1000))
                .operationTimeout(Duration.ofSeconds(1))
                .healthTimeout(Duration.ofSeconds(1));
    }
}
