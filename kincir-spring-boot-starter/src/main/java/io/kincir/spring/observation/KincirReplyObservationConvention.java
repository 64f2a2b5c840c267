package io.kincir.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a reply's receipt ({@link KincirObservation#REPLY}). Publish a bean
 * of this type to replace {@link DefaultKincirReplyObservationConvention}, usually by extending it.
 */
public interface KincirReplyObservationConvention extends ObservationConvention<KincirReplyContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof KincirReplyContext;
    }
}
