package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Imported by {@link KincirAutoConfiguration}, which runs after every backend's auto-configuration:
 * when none of them made a {@link Backend} (and the application made none), start-up fails with a
 * {@link MissingBackendException} that names {@code kincir.backend} and the dependency to add, rather
 * than with a bean that is simply missing.
 */
@Configuration(proxyBeanMethods = false)
final class MissingBackendConfiguration implements BeanClassLoaderAware {

    private ClassLoader classLoader;

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Bean
    @ConditionalOnMissingBean(Backend.class)
    Backend kincirBackend(KincirProperties properties, ObjectProvider<BackendSupport> support) {
        throw MissingBackendException.of(properties.getBackend(), support.orderedStream().findFirst().orElse(null),
                classLoader);
    }
}
