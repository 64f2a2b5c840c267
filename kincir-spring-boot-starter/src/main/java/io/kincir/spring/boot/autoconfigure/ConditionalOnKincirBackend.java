package io.kincir.spring.boot.autoconfigure;

import io.kincir.spring.boot.autoconfigure.KincirProperties.BackendType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code kincir.backend} names this backend, in any spelling the binder accepts
 * ({@code in-memory}, {@code IN_MEMORY}, {@code inMemory}); {@code in-memory} when unset. Each
 * backend's configuration class carries it, with {@code @ConditionalOnClass} for its client library.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnKincirBackendCondition.class)
public @interface ConditionalOnKincirBackend {

    /** @return the backend */
    BackendType value();
}
