package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.spring.KincirListenerRegistry;
import io.kincir.spring.health.KincirHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code kincir} health contributor, when Spring Boot's health support is present;
 * {@code management.health.kincir.enabled} turns it off, {@code kincir.health.*} configures it.
 */
@AutoConfiguration(after = KincirAutoConfiguration.class)
@ConditionalOnClass({AbstractHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Backend.class)
@ConditionalOnEnabledHealthIndicator("kincir")
public final class KincirHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = {"kincirHealthIndicator", "kincirHealthContributor"})
    KincirHealthIndicator kincirHealthIndicator(Backend backend, ObjectProvider<KincirListenerRegistry> registry,
            KincirProperties properties) {
        return new KincirHealthIndicator(backend, registry.getIfUnique(),
                properties.getHealth().isStoppedListenerDown());
    }
}
