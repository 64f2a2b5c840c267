package io.kincir.spring.observation;

import io.kincir.listener.HandlerDecorator;
import io.kincir.listener.ListenerTopic;
import io.kincir.listener.MessageHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes every invocation of a listener's handler as {@link KincirObservation#HANDLE}, continuing the
 * trace whose context the message's metadata carries. A value the listener returns is published inside
 * the observation, so the reply's publish is its child.
 */
public final class ObservedHandlerDecorator implements HandlerDecorator {

    private final ObservationRegistry registry;
    private final KincirHandleObservationConvention convention;
    private final String backend;

    /**
     * @param registry where the observations go
     * @param convention the application's convention, or {@code null} for the default
     * @param backend the backend's name
     */
    public ObservedHandlerDecorator(ObservationRegistry registry, KincirHandleObservationConvention convention,
            String backend) {
        this.registry = registry;
        this.convention = convention;
        this.backend = backend;
    }

    @Override
    public MessageHandler decorate(ListenerTopic topic, MessageHandler handler) {
        return message -> KincirObservation.HANDLE.observation(convention,
                DefaultKincirHandleObservationConvention.INSTANCE,
                () -> new KincirHandleContext(topic, backend, message), registry)
                .observeChecked(() -> handler.handle(message));
    }
}
