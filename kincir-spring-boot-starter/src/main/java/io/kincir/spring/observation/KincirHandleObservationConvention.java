package io.kincir.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of an invocation of a listener's handler
 * ({@link KincirObservation#HANDLE}). Publish a bean of this type to replace
 * {@link DefaultKincirHandleObservationConvention}, usually by extending it.
 */
public interface KincirHandleObservationConvention extends ObservationConvention<KincirHandleContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof KincirHandleContext;
    }
}
