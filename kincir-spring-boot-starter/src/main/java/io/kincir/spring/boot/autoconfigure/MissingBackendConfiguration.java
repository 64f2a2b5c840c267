package io.kincir.spring.boot.autoconfigure;

import io.kincir.Backend;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Imported after every backend configuration: when none of them made a {@link Backend} (and the
 * application made none), start-up fails with a {@link MissingBackendException}, which
 * {@link KincirBackendFailureAnalyzer} turns into a message that names {@code kincir.backend} and the
 * dependency to add, rather than a bean that is simply missing.
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
    Backend kincirBackend(Environment environment) {
        String value = environment.getProperty(OnKincirBackendCondition.PROPERTY);
        throw new MissingBackendException(value, OnKincirBackendCondition.parse(value == null ? "" : value).orElse(null),
                classLoader);
    }
}
