package io.kincir.spring.observation;

import io.kincir.spring.observation.KincirObservation.Key;
import io.micrometer.common.KeyValues;

/**
 * {@code kincir.reply}, span {@code <reply topic> receive}, tagged {@code backend} and
 * {@code exception}; on the span also the reply topic and the reply's uuid. The reply topic is no tag:
 * by default each template has one of its own, named by a random uuid.
 */
public class DefaultKincirReplyObservationConvention implements KincirReplyObservationConvention {

    /** The convention, for code that needs one without a bean. */
    public static final DefaultKincirReplyObservationConvention INSTANCE =
            new DefaultKincirReplyObservationConvention();

    @Override
    public String getName() {
        return "kincir.reply";
    }

    @Override
    public String getContextualName(KincirReplyContext context) {
        return context.getReplyTopic() + " receive";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(KincirReplyContext context) {
        return KeyValues.of(Key.BACKEND.withValue(context.getBackend()),
                Key.EXCEPTION.withValue(KincirObservation.exception(context)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(KincirReplyContext context) {
        return KeyValues.of(Key.REPLY_TO.withValue(context.getReplyTopic()),
                Key.MESSAGE_ID.withValue(context.getReply().uuid()));
    }
}
