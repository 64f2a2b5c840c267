package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.spring.metrics.KincirListenerMetrics;
import io.kincir.spring.metrics.MeteredPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Kincir's Micrometer meters that no observation gives, when Micrometer and a {@link MeterRegistry} are
 * present: {@code kincir.messages.published} through the publisher, and the listener counters of
 * {@link KincirListenerMetrics}. The timers come from the observations
 * ({@link KincirObservationAutoConfiguration}), which Spring Boot's {@code DefaultMeterObservationHandler}
 * turns into {@code kincir.publish}, {@code kincir.handle}, {@code kincir.request} and
 * {@code kincir.reply}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class KincirMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KincirListenerMetrics kincirListenerMetrics(MeterRegistry registry, ObjectProvider<Backend> backend,
            KincirProperties properties) {
        return new KincirListenerMetrics(registry, backendTag(backend, properties));
    }

    @Bean
    KincirPublisherDecorator kincirPublisherMetrics(MeterRegistry registry, ObjectProvider<Backend> backend,
            KincirProperties properties) {
        return publisher -> new MeteredPublisher(publisher, registry, backendTag(backend, properties));
    }

    /**
     * The name of the backend bean, so that an application's own bean is tagged with what it is rather
     * than with {@code kincir.backend}; the property only when the backend is not known yet.
     */
    private static String backendTag(ObjectProvider<Backend> backend, KincirProperties properties) {
        Backend bean = backend.getIfUnique();
        if (bean == null) {
            return (properties.getBackend() != null) ? properties.getBackend() : "unknown";
        }
        return BackendName.of(bean, bean.getClass().getClassLoader());
    }
}
