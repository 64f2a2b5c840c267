package io.kincir.spring.observation;

import io.kincir.listener.ListenerTopic;
import io.kincir.spring.observation.KincirObservation.Key;
import io.micrometer.common.KeyValues;

/**
 * {@code kincir.handle}, span {@code <topic> handle}, tagged {@code topic}, {@code group},
 * {@code listener}, {@code backend} and {@code exception}; on the span also the message's uuid and the
 * attempt.
 */
public class DefaultKincirHandleObservationConvention implements KincirHandleObservationConvention {

    /** The convention, for code that needs one without a bean. */
    public static final DefaultKincirHandleObservationConvention INSTANCE =
            new DefaultKincirHandleObservationConvention();

    @Override
    public String getName() {
        return "kincir.handle";
    }

    @Override
    public String getContextualName(KincirHandleContext context) {
        return context.getListener().topic() + " handle";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(KincirHandleContext context) {
        ListenerTopic listener = context.getListener();
        return KeyValues.of(Key.TOPIC.withValue(listener.topic()), Key.GROUP.withValue(listener.group()),
                Key.LISTENER.withValue(listener.listenerId()), Key.BACKEND.withValue(context.getBackend()),
                Key.EXCEPTION.withValue(KincirObservation.exception(context)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(KincirHandleContext context) {
        return KeyValues.of(Key.MESSAGE_ID.withValue(context.getMessage().uuid()),
                Key.ATTEMPT.withValue(context.getAttempt()));
    }
}
