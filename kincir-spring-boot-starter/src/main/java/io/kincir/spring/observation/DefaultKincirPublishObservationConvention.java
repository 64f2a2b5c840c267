package io.kincir.spring.observation;

import io.kincir.spring.observation.KincirObservation.Key;
import io.kincir.Message;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.List;

/**
 * {@code kincir.publish}, span {@code <topic> publish}, tagged {@code topic}, {@code backend} and
 * {@code exception}; on the span also the message count and, for a single message, its uuid.
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
        List<Message> messages = context.getMessages();
        KeyValue count = Key.MESSAGE_COUNT.withValue(Integer.toString(messages.size()));
        return messages.size() == 1 ? KeyValues.of(count, Key.MESSAGE_ID.withValue(messages.get(0).uuid()))
                : KeyValues.of(count);
    }
}
