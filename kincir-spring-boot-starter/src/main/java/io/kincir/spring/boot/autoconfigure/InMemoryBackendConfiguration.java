package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.memory.InMemoryBroker;
import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory broker as the backend, configured by {@code kincir.memory.*}; the default. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnKincirBackend(BackendType.IN_MEMORY)
final class InMemoryBackendConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Backend.class)
    InMemoryBroker kincirBackend(KincirProperties properties) {
        return new InMemoryBroker(properties.getMemory().toConfig());
    }
}
