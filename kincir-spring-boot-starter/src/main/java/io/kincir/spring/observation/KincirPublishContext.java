package io.kincir.spring.observation;

import io.kincir.Message;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link KincirObservation#PUBLISH} observation sees. Its carrier is the trace context to add to
 * every message of the publish: messages are immutable, so a tracer's propagator writes the entries
 * ({@code traceparent}, {@code tracestate}, {@code baggage}) here, and the publisher adds them to each
 * message's metadata before handing the messages to the backend.
 */
public class KincirPublishContext extends SenderContext<Map<String, String>> {

    private final String topic;
    private final String backend;
    private final List<Message> messages;

    /**
     * @param topic the topic published to
     * @param backend the backend's name
     * @param messages the messages as given, without the trace context
     */
    public KincirPublishContext(String topic, String backend, List<Message> messages) {
        super((carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        }, Kind.PRODUCER);
        this.topic = topic;
        this.backend = backend;
        this.messages = messages;
        setCarrier(new LinkedHashMap<>());
        setRemoteServiceName(backend);
    }

    /** @return the topic published to */
    public String getTopic() {
        return topic;
    }

    /** @return the backend's name */
    public String getBackend() {
        return backend;
    }

    /** @return the messages as given, without the trace context */
    public List<Message> getMessages() {
        return messages;
    }
}
