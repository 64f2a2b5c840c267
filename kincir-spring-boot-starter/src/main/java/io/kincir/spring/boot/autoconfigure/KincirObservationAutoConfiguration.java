package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.spring.KincirListenerContainerCustomizer;
import io.kincir.spring.KincirTemplateCustomizer;
import io.kincir.spring.observation.KincirHandleObservationConvention;
import io.kincir.spring.observation.KincirPublishObservationConvention;
import io.kincir.spring.observation.KincirReplyObservationConvention;
import io.kincir.spring.observation.KincirRequestObservationConvention;
import io.kincir.spring.observation.ObservedHandlerDecorator;
import io.kincir.spring.observation.ObservedPublisher;
import io.kincir.spring.observation.RequestObservation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer observations of publishes, listener invocations and requests, with the W3C trace context
 * in message metadata, when an {@link ObservationRegistry} bean exists; {@code kincir.observation.enabled}
 * turns them off. The application's own convention beans replace the defaults.
 *
 * <p>It runs after the metrics so that its publisher decorator is applied last: the trace context is in
 * the messages before any other decorator (the test recorder) sees them.
 */
@AutoConfiguration(afterName = {"io.kincir.spring.boot.autoconfigure.KincirMetricsAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "kincir.observation.enabled", matchIfMissing = true)
public final class KincirObservationAutoConfiguration {

    @Bean
    KincirPublisherDecorator kincirPublisherObservation(ObservationRegistry registry, Backend backend,
            ObjectProvider<KincirPublishObservationConvention> convention) {
        return publisher -> new ObservedPublisher(publisher, registry, convention.getIfUnique(), name(backend));
    }

    @Bean
    KincirListenerContainerCustomizer kincirListenerObservation(ObservationRegistry registry, Backend backend,
            ObjectProvider<KincirHandleObservationConvention> convention) {
        ObservedHandlerDecorator decorator = new ObservedHandlerDecorator(registry, convention.getIfUnique(),
                name(backend));
        return builder -> builder.handlerDecorator(decorator);
    }

    @Bean
    KincirTemplateCustomizer kincirTemplateObservation(ObservationRegistry registry, Backend backend,
            ObjectProvider<KincirRequestObservationConvention> convention,
            ObjectProvider<KincirReplyObservationConvention> replyConvention) {
        RequestObservation observation = new RequestObservation(registry, convention.getIfUnique(),
                replyConvention.getIfUnique(), name(backend));
        return template -> template.setRequestObservation(observation);
    }

    private static String name(Backend backend) {
        return BackendName.of(backend, backend.getClass().getClassLoader());
    }
}
