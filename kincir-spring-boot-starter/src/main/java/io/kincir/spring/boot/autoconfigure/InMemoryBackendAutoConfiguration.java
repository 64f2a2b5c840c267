package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import io.kincir.memory.InMemoryBroker;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The in-memory broker as the backend, configured by {@code kincir.memory.*}: when {@code kincir.backend}
 * names it, or is unset with no other backend module on the classpath.
 */
@AutoConfiguration(before = KincirAutoConfiguration.class)
@ConditionalOnKincirBackend("in-memory")
@EnableConfigurationProperties(KincirProperties.class)
public final class InMemoryBackendAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Backend.class)
    InMemoryBroker kincirBackend(KincirProperties properties) {
        return new InMemoryBroker(properties.getMemory().toConfig());
    }
}
