package io.kincir.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.listener.ListenerTopic;
import io.kincir.listener.MessageHandler;
import io.kincir.memory.InMemoryBroker;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservedHandlerDecoratorTests {

    private static final ListenerTopic ORDERS = new ListenerTopic("billing", "orders", "billing-group");

    private final TestObservationRegistry registry = TestObservationRegistry.create();
    private final FixedTraceContext traceContext = new FixedTraceContext();
    private final ObservedHandlerDecorator decorator = new ObservedHandlerDecorator(registry, null, "kafka");
    private final InMemoryBroker broker = InMemoryBroker.withDefaultConfig();

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void anInvocationIsObservedByTopicGroupListenerAndBackend() throws Exception {
        Message message = Message.of("order-1").withMetadata(MetadataKeys.ATTEMPT, "2");

        decorator.decorate(ORDERS, received -> { }).handle(message);

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasNameEqualTo("kincir.handle").hasContextualNameEqualTo("orders handle")
                .hasLowCardinalityKeyValue("topic", "orders").hasLowCardinalityKeyValue("group", "billing-group")
                .hasLowCardinalityKeyValue("listener", "billing").hasLowCardinalityKeyValue("backend", "kafka")
                .hasLowCardinalityKeyValue("exception", "none")
                .hasHighCardinalityKeyValue("messaging.message.id", message.uuid())
                .hasHighCardinalityKeyValue("kincir.attempt", "2")
                .doesNotHaveError().hasBeenStopped();
    }

    @Test
    void aFailedInvocationIsObservedWithItsExceptionWhichTheContainerStillGets() {
        IllegalStateException failure = new IllegalStateException("card declined");
        MessageHandler failing = decorator.decorate(ORDERS, received -> {
            throw failure;
        });

        assertThatThrownBy(() -> failing.handle(Message.of("order-1"))).isSameAs(failure);

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("exception", "IllegalStateException").hasError(failure).hasBeenStopped();
    }

    @Test
    void theTracerReadsTheTraceContextFromTheMessagesMetadata() throws Exception {
        registry.observationConfig().observationHandler(traceContext);
        Message message = Message.of("order-1").withMetadata(MetadataKeys.TRACEPARENT, FixedTraceContext.TRACEPARENT);

        decorator.decorate(ORDERS, received -> { }).handle(message);

        assertThat(traceContext.read).containsExactly(FixedTraceContext.TRACEPARENT);
    }

    @Test
    void whatTheHandlerPublishesIsAChildOfItsInvocation() throws Exception {
        ObservedPublisher publisher = new ObservedPublisher(broker.publisher(), registry, null, "kafka");

        decorator.decorate(ORDERS, received -> publisher.publish("quotes", Message.of("quote")))
                .handle(Message.of("order-1"));

        TestObservationRegistryAssert.assertThat(registry).hasNumberOfObservationsEqualTo(2)
                .hasObservationWithNameEqualTo("kincir.publish").that()
                .hasParentObservationContextMatching(parent -> parent.getName().equals("kincir.handle")
                        && parent.getLowCardinalityKeyValue("topic").getValue().equals("orders"));
    }

    @Test
    void aConventionOfTheApplicationReplacesTheDefault() throws Exception {
        ObservedHandlerDecorator custom = new ObservedHandlerDecorator(registry,
                new DefaultKincirHandleObservationConvention() {
                    @Override
                    public String getContextualName(KincirHandleContext context) {
                        return "handle " + context.getMessage().metadata("order").orElse("?");
                    }
                }, "kafka");

        custom.decorate(ORDERS, received -> { }).handle(Message.of("x").withMetadata(Map.of("order", "o-7")));

        TestObservationRegistryAssert.assertThat(registry).hasSingleObservationThat()
                .hasNameEqualTo("kincir.handle").hasContextualNameEqualTo("handle o-7");
    }
}
