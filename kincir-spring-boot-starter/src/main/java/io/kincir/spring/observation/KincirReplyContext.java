package io.kincir.spring.observation;

import io.kincir.Message;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * What a {@link KincirObservation#REPLY} observation sees. Its carrier is the reply: a tracer's
 * propagator reads the trace context the replying listener's publish wrote into its metadata, so the
 * receipt continues the request's trace.
 */
public class KincirReplyContext extends ReceiverContext<Message> {

    private final String replyTopic;
    private final String backend;

    /**
     * @param replyTopic the topic the reply came to
     * @param backend the backend's name
     * @param reply the reply
     */
    public KincirReplyContext(String replyTopic, String backend, Message reply) {
        super((carrier, key) -> carrier == null ? null : carrier.metadata().get(key), Kind.CONSUMER);
        this.replyTopic = replyTopic;
        this.backend = backend;
        setCarrier(reply);
        setRemoteServiceName(backend);
    }

    /** @return the topic the reply came to */
    public String getReplyTopic() {
        return replyTopic;
    }

    /** @return the backend's name */
    public String getBackend() {
        return backend;
    }

    /** @return the reply */
    public Message getReply() {
        return getCarrier();
    }
}
