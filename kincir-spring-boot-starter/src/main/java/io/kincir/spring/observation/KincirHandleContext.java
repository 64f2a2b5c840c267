package io.kincir.spring.observation;

import io.kincir.Message;
import io.kincir.MetadataKeys;
import io.kincir.listener.ListenerTopic;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * What a {@link KincirObservation#HANDLE} observation sees. Its carrier is the message: a tracer's
 * propagator reads the trace context the publisher wrote into its metadata, so the handling span
 * continues the publisher's trace.
 */
public class KincirHandleContext extends ReceiverContext<Message> {

    private final ListenerTopic listener;
    private final String backend;

    /**
     * @param listener the listener, topic and group the message came to
     * @param backend the backend's name
     * @param message the message, with its {@code _attempt}
     */
    public KincirHandleContext(ListenerTopic listener, String backend, Message message) {
        super((carrier, key) -> carrier == null ? null : carrier.metadata().get(key), Kind.CONSUMER);
        this.listener = listener;
        this.backend = backend;
        setCarrier(message);
        setRemoteServiceName(backend);
    }

    /** @return the listener, topic and group the message came to */
    public ListenerTopic getListener() {
        return listener;
    }

    /** @return the backend's name */
    public String getBackend() {
        return backend;
    }

    /** @return the message */
    public Message getMessage() {
        return getCarrier();
    }

    /** @return which attempt at the message this is, from 1; {@code 1} when the message does not say */
    public String getAttempt() {
        return getMessage().metadata(MetadataKeys.ATTEMPT).orElse("1");
    }
}
