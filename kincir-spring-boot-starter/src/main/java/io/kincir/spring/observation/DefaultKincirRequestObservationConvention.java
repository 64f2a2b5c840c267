package io.kincir.spring.observation;

import io.kincir.spring.observation.KincirObservation.Key;
import io.micrometer.common.KeyValues;

/**
 * {@code kincir.request}, span {@code <topic> request}, tagged {@code topic}, {@code backend} and
 * {@code exception} (a {@code ReplyTimeoutException} when no reply came in time); on the span also the
 * reply topic.
 */
public class DefaultKincirRequestObservationConvention implements KincirRequestObservationConvention {

    /** The convention, for code that needs one without a bean. */
    public static final DefaultKincirRequestObservationConvention INSTANCE =
            new DefaultKincirRequestObservationConvention();

    @Override
    public String getName() {
        return "kincir.request";
    }

    @Override
    public String getContextualName(KincirRequestContext context) {
        return context.getTopic() + " request";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(KincirRequestContext context) {
        return KeyValues.of(Key.TOPIC.withValue(context.getTopic()), Key.BACKEND.withValue(context.getBackend()),
                Key.EXCEPTION.withValue(KincirObservation.exception(context)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(KincirRequestContext context) {
        return KeyValues.of(Key.REPLY_TO.withValue(context.getReplyTopic()));
    }
}
