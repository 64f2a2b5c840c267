package io.kincir.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a publish through the starter's {@code Publisher} bean
 * ({@link KincirObservation#PUBLISH}). Publish a bean of this type to replace
 * {@link DefaultKincirPublishObservationConvention}, usually by extending it.
 */
public interface KincirPublishObservationConvention extends ObservationConvention<KincirPublishContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof KincirPublishContext;
    }
}
