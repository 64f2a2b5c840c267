package io.kincir.spring.observation;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.Publisher;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A publisher that observes each publish as {@link KincirObservation#PUBLISH} and writes the trace
 * context of that observation into every message's metadata, so that the listener's handling continues
 * the trace on any backend.
 *
 * <p>The trace context replaces what a message carried: a message received and published on from
 * inside a listener belongs to the listener's trace. Outside any observation, though, a message that
 * carries a {@code traceparent} keeps its trace context: a dead letter (published after the handler's
 * observation ended) and a message the application republishes stay in the trace they came with.
 */
public final class ObservedPublisher implements Publisher {

    private static final List<String> TRACE_KEYS = List.of(MetadataKeys.TRACEPARENT, MetadataKeys.TRACESTATE,
            MetadataKeys.BAGGAGE);

    private final Publisher delegate;
    private final ObservationRegistry registry;
    private final KincirPublishObservationConvention convention;
    private final String backend;

    /**
     * @param delegate the publisher that publishes
     * @param registry where the observations go
     * @param convention the application's convention, or {@code null} for the default
     * @param backend the backend's name
     */
    public ObservedPublisher(Publisher delegate, ObservationRegistry registry,
            KincirPublishObservationConvention convention, String backend) {
        this.delegate = delegate;
        this.registry = registry;
        this.convention = convention;
        this.backend = backend;
    }

    @Override
    public void publish(String topic, List<Message> messages) {
        boolean keepCarried = registry.getCurrentObservation() == null;
        KincirPublishContext context = new KincirPublishContext(topic, backend, messages);
        KincirObservation.PUBLISH.observation(convention, DefaultKincirPublishObservationConvention.INSTANCE,
                () -> context, registry).observe(() -> delegate.publish(topic,
                        withTraceContext(messages, context.getCarrier(), keepCarried)));
    }

    private static List<Message> withTraceContext(List<Message> messages, Map<String, String> traceContext,
            boolean keepCarried) {
        if (traceContext == null || traceContext.isEmpty()) {
            return messages;
        }
        List<Message> traced = new ArrayList<>(messages.size());
        for (Message message : messages) {
            boolean carries = message.metadata().containsKey(MetadataKeys.TRACEPARENT);
            traced.add(keepCarried && carries ? message : withTraceContext(message, traceContext));
        }
        return traced;
    }

    /** @return the message with this trace context only: a part of another one left behind would mix two traces */
    private static Message withTraceContext(Message message, Map<String, String> traceContext) {
        Map<String, String> metadata = new HashMap<>(message.metadata());
        metadata.keySet().removeAll(TRACE_KEYS);
        metadata.putAll(traceContext);
        return Message.of(message.uuid(), message.payload(), metadata);
    }
}
