package io.kincir.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.kincir.Message;
import io.kincir.Publisher;
import io.kincir.memory.InMemoryBroker;
import io.kincir.spring.KincirTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The AssertJ assertions on a recorder: what passes, and what a failure says. */
class RecorderAssertionsTests {

    record Order(String id, int amount) {
    }

    private final InMemoryBroker broker = InMemoryBroker.withDefaultConfig();

    private final KincirTemplate template = new KincirTemplate(broker, (topic, messages) -> {
    }, JsonMapper.builder().build());

    private final KincirTestRecorder recorder = new KincirTestRecorder(() -> template, () -> null, () -> null);

    private final Publisher publisher = recorder.recording((topic, messages) -> {
    });

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void aPublishedMessageIsFoundByTopicPayloadAndMetadata() {
        publisher.publish("orders", Message.of("{\"id\":\"42\",\"amount\":10}").withMetadata("tenant", "acme"));
        publisher.publish("orders", Message.of("plain text"));

        assertThat(recorder).published("orders").hasSize(2).first()
                .hasPayload(new Order("42", 10)).hasMetadata("tenant", "acme").doesNotHaveMetadata("region");
        assertThat(recorder).published("orders").last().hasPayload("plain text")
                .hasPayload("plain text".getBytes(StandardCharsets.UTF_8));
        assertThat(recorder).published("orders").payloads(String.class).contains("plain text");
        assertThat(recorder).hasNotPublishedTo("refunds").published("refunds").isEmpty();
    }

    @Test
    void aDifferentPayloadFailsShowingBoth() {
        publisher.publish("orders", Message.of("{\"id\":\"42\",\"amount\":10}"));

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(recorder).published("orders").singleElement().hasPayload(new Order("42", 11)))
                .withMessageContaining("Order[id=42, amount=11]").withMessageContaining("Order[id=42, amount=10]");
    }

    @Test
    void missingMetadataFailsShowingTheMessagesMetadata() {
        publisher.publish("orders", Message.of("x").withMetadata("tenant", "acme"));

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(recorder).published("orders").first().hasMetadata("tenant", "other"))
                .withMessageContaining("tenant=other").withMessageContaining("{tenant=acme}");
    }

    @Test
    void aWrongCountNamesTheTopic() {
        publisher.publish("orders", List.of(Message.of("a"), Message.of("b")));

        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(recorder).published("orders").hasSize(1))
                .withMessageContaining("messages published to 'orders'");
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> assertThat(recorder).hasNotPublishedTo("orders"))
                .withMessageContaining("Expected nothing published to topic 'orders'");
    }
}
