package io.kincir.spring.observation;

import io.kincir.Message;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Supplier;

/**
 * Observes a {@code KincirTemplate}'s requests as {@link KincirObservation#REQUEST}: the request's
 * publish is a child of it, and it ends when the reply came or the caller gave up. The receipt of each
 * reply is observed too, as {@link KincirObservation#REPLY} on the template's reply thread.
 */
public final class RequestObservation {

    /** Observes nothing. */
    public static final RequestObservation NONE = new RequestObservation(ObservationRegistry.NOOP, null, "none");

    private final ObservationRegistry registry;
    private final KincirRequestObservationConvention convention;
    private final KincirReplyObservationConvention replyConvention;
    private final String backend;

    /**
     * @param registry where the observations go
     * @param convention the application's request convention, or {@code null} for the default
     * @param backend the backend's name
     */
    public RequestObservation(ObservationRegistry registry, KincirRequestObservationConvention convention,
            String backend) {
        this(registry, convention, null, backend);
    }

    /**
     * @param registry where the observations go
     * @param convention the application's request convention, or {@code null} for the default
     * @param replyConvention the application's reply convention, or {@code null} for the default
     * @param backend the backend's name
     */
    public RequestObservation(ObservationRegistry registry, KincirRequestObservationConvention convention,
            KincirReplyObservationConvention replyConvention, String backend) {
        this.registry = registry;
        this.convention = convention;
        this.replyConvention = replyConvention;
        this.backend = backend;
    }

    /**
     * @param topic the topic the request goes to
     * @param replyTopic the topic its reply comes to
     * @param request publishes the request and waits for the reply
     * @param <T> the reply's type
     * @return what {@code request} returned
     */
    public <T> T observe(String topic, String replyTopic, Supplier<T> request) {
        return KincirObservation.REQUEST.observation(convention, DefaultKincirRequestObservationConvention.INSTANCE,
                () -> new KincirRequestContext(topic, replyTopic, backend), registry).observe(request);
    }

    /**
     * Observes the receipt of a reply: {@code receipt} hands it to the caller waiting for it.
     *
     * @param replyTopic the topic the reply came to
     * @param reply the reply, whose metadata carries the trace context of its publish
     * @param receipt hands the reply over
     */
    public void observeReply(String replyTopic, Message reply, Runnable receipt) {
        KincirObservation.REPLY.observation(replyConvention, DefaultKincirReplyObservationConvention.INSTANCE,
                () -> new KincirReplyContext(replyTopic, backend, reply), registry).observe(receipt);
    }

    /**
     * Carries the current observation to another thread: the template publishes a request on a thread of
     * its own, and the publish must still be the request's child.
     *
     * @param task what to run on the other thread
     * @return the task, run there inside the observation current here; the task itself outside any
     */
    public Runnable inCurrentObservation(Runnable task) {
        Observation current = registry.getCurrentObservation();
        return current == null ? task : () -> current.scoped(task);
    }
}
