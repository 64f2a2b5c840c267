package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.metrics.KincirListenerMetrics;
import io.kincir.spring.metrics.MeteredPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Kincir's Micrometer meters, when Micrometer and a {@link MeterRegistry} are present:
 * {@code kincir.messages.published} through the publisher, and the listener meters of
 * {@link KincirListenerMetrics}.
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
    KincirListenerMetrics kincirListenerMetrics(MeterRegistry registry, KincirProperties properties) {
        return new KincirListenerMetrics(registry, properties.getBackend());
    }

    @Bean
    KincirPublisherDecorator kincirPublisherMetrics(MeterRegistry registry, KincirProperties properties) {
        return publisher -> new MeteredPublisher(publisher, registry, properties.getBackend());
    }
}
