package io.kincir.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a {@code KincirTemplate.sendAndReceive}
 * ({@link KincirObservation#REQUEST}). Publish a bean of this type to replace
 * {@link DefaultKincirRequestObservationConvention}, usually by extending it.
 */
public interface KincirRequestObservationConvention extends ObservationConvention<KincirRequestContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof KincirRequestContext;
    }
}
