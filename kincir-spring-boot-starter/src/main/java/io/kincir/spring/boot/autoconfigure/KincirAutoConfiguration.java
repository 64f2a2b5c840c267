package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.Publisher;
import io.kincir.memory.InMemoryBroker;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Kincir's auto-configuration: the {@link Backend} chosen by {@code kincir.backend} and its
 * {@link Publisher}. Every bean backs off when the application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(KincirProperties.class)
@Import(KafkaBackendConfiguration.class)
public final class KincirAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Publisher kincirPublisher(Backend backend) {
        return backend.publisher();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "kincir.backend", havingValue = "in-memory", matchIfMissing = true)
    static final class InMemoryBackendConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(Backend.class)
        InMemoryBroker kincirBackend(KincirProperties properties) {
            return new InMemoryBroker(properties.getMemory().toConfig());
        }
    }
}
