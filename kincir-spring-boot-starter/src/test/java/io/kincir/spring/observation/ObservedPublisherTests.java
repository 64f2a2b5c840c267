package io.kincir.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.PublishException;
import io.kincir.Subscriber;
import io.kincir.memory.InMemoryBroker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ObservedPublisherTests {

    private static final String OLD_TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final FixedTraceContext traceContext = new FixedTraceContext();
    private final InMemoryBroker broker = InMemoryBroker.withDefaultConfig();
    private final Subscriber subscriber = broker.subscriber();
    private final ObservedPublisher publisher = new ObservedPublisher(broker.publisher(), registry, null,
            "in-memory");

    @BeforeEach
    void subscribe() {
        subscriber.subscribe("orders");
    }

    @AfterEach
    void close() {
        subscriber.close();
        broker.close();
    }

    @Test
    void aPublishIsObservedByTopicAndBackend() {
        Message message = Message.of("order-1");

        publisher.publish("orders", message);

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasNameEqualTo("kincir.publish").hasContextualNameEqualTo("orders publish")
                .hasLowCardinalityKeyValue("topic", "orders").hasLowCardinalityKeyValue("backend", "in-memory")
                .hasLowCardinalityKeyValue("exception", "none")
                .hasHighCardinalityKeyValue("messaging.batch.message_count", "1")
                .hasHighCardinalityKeyValue("messaging.message.id", message.uuid())
                .doesNotHaveError().hasBeenStarted().hasBeenStopped();
    }

    @Test
    void aBatchIsOneObservationThatCountsItsMessages() throws InterruptedException {
        registry.observationConfig().observationHandler(traceContext);

        publisher.publish("orders", List.of(Message.of("a"), Message.of("b")));

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasHighCardinalityKeyValue("messaging.batch.message_count", "2")
                .doesNotHaveHighCardinalityKeyValueWithKey("messaging.message.id");
        assertThat(receive(2)).allSatisfy(received -> assertThat(received.metadata())
                .containsEntry(MetadataKeys.TRACEPARENT, FixedTraceContext.TRACEPARENT));
    }

    @Test
    void aRefusedPublishIsObservedWithItsException() {
        Message overTheLimits = Message.of("big").withMetadata("note", "n".repeat(64 * 1024));

        assertThatThrownBy(() -> publisher.publish("orders", overTheLimits)).isInstanceOf(PublishException.class);

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("exception", "PublishException").hasError().hasBeenStopped();
    }

    @Test
    void theTraceContextTheTracerWritesTravelsInEveryMessagesMetadata() throws InterruptedException {
        registry.observationConfig().observationHandler(traceContext);
        Message message = Message.of("order-1").withMetadata("customer", "Alice");

        publisher.publish("orders", message);

        Message received = receive(1).get(0);
        assertThat(received.uuid()).isEqualTo(message.uuid());
        assertThat(received.metadata()).containsEntry("customer", "Alice")
                .containsEntry(MetadataKeys.TRACEPARENT, FixedTraceContext.TRACEPARENT)
                .containsEntry(MetadataKeys.TRACESTATE, FixedTraceContext.TRACESTATE);
    }

    @Test
    void withoutATracerTheMessagesGoAsTheyAre() throws InterruptedException {
        Message message = Message.of("order-1");

        publisher.publish("orders", message);

        assertThat(receive(1).get(0).metadata()).doesNotContainKey(MetadataKeys.TRACEPARENT);
    }

    @Test
    void outsideAnyObservationAMessageKeepsTheTraceContextItCarries() throws InterruptedException {
        registry.observationConfig().observationHandler(traceContext);
        Message carrying = Message.of("dead letter").withMetadata(Map.of(MetadataKeys.TRACEPARENT, OLD_TRACEPARENT,
                MetadataKeys.TRACESTATE, "vendor=old"));
        Message bare = Message.of("new");

        publisher.publish("orders", List.of(carrying, bare));

        List<Message> received = receive(2);
        assertThat(received.get(0).metadata()).containsEntry(MetadataKeys.TRACEPARENT, OLD_TRACEPARENT)
                .containsEntry(MetadataKeys.TRACESTATE, "vendor=old");
        assertThat(received.get(1).metadata()).containsEntry(MetadataKeys.TRACEPARENT, FixedTraceContext.TRACEPARENT);
    }

    @Test
    void insideAnObservationAMessageGetsItsTraceContextAndLosesTheOneItCarried() throws InterruptedException {
        registry.observationConfig().observationHandler(traceContext);
        Message forwarded = Message.of("forwarded").withMetadata(Map.of(MetadataKeys.TRACEPARENT, OLD_TRACEPARENT,
                MetadataKeys.BAGGAGE, "user=old"));

        Observation.createNotStarted("handling", registry).observe(() -> publisher.publish("orders", forwarded));

        assertThat(receive(1).get(0).metadata()).containsEntry(MetadataKeys.TRACEPARENT, FixedTraceContext.TRACEPARENT)
                .containsEntry(MetadataKeys.TRACESTATE, FixedTraceContext.TRACESTATE)
                .doesNotContainKey(MetadataKeys.BAGGAGE);
        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo("kincir.publish").that()
                .hasParentObservationContextMatching(parent -> parent.getName().equals("handling"));
    }

    @Test
    void aConventionOfTheApplicationReplacesTheDefault() {
        ObservedPublisher custom = new ObservedPublisher(broker.publisher(), registry,
                new DefaultKincirPublishObservationConvention() {
                    @Override
                    public String getName() {
                        return "shop.publish";
                    }
                }, "in-memory");

        custom.publish("orders", Message.of("order-1"));

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat().hasNameEqualTo("shop.publish")
                .hasLowCardinalityKeyValue("topic", "orders");
    }

    private List<Message> receive(int count) throws InterruptedException {
        List<Message> received = new ArrayList<>();
        while (received.size() < count) {
            Optional<Message> next = subscriber.receive(Duration.ofSeconds(5));
            assertThat(next).as("message %d of %d", received.size() + 1, count).isPresent();
            received.add(next.get());
        }
        return received;
    }
}
