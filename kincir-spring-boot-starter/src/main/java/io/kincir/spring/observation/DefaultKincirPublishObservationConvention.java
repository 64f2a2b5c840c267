package io.kincir.spring.observation;

import io.kincir.spring.observation.KincirObservation.Key;
import io.micrometer.common.KeyValues;

/**
 * {@code kincir.publish}, span {@code <topic> publish}, tagged {@code topic}, {@code backend} and
 * {@code exception}; on the span also OpenTelemetry's messaging attributes, the message count and, for a
 * single message, its uuid.
 */
public class DefaultKincirPublishObservationConvention implements KincirPublishObservationConvention {

    /** The convention, for code that needs one without a bean. */
    public static final DefaultKincirPublishObservationConvention INSTANCE =
            new DefaultKincirPublishObservationConvention();

    @Override
    public String getName() {
        return "kincir.publish";
    }

    @Override
    public String getContextualName(KincirPublishContext context) {
        return context.getTopic() + " publish";
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(KincirPublishContext context) {
        return KeyValues.of(Key.TOPIC.withValue(context.getTopic()), Key.BACKEND.withValue(context.getBackend()),
                Key.EXCEPTION.withValue(KincirObservation.exception(context)));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(KincirPublishContext context) {
        KeyValues values = KeyValues.of(Key.MESSAGING_SYSTEM.withValue(context.getBackend()),
                Key.MESSAGING_DESTINATION.withValue(context.getTopic()), Key.MESSAGING_OPERATION.withValue("publish"),
                Key.MESSAGE_COUNT.withValue(Integer.toString(context.getMessages().size())));
        if (context.getMessages().size() == 1) {
            values = values.and(Key.MESSAGE_ID.withValue(context.getMessages().get(0).uuid()));
        }
        return values;
    }
}
