package io.kincir.spring.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code kincir.backend} names this backend. Unset, it names the only backend module on the
 * classpath besides the in-memory broker, {@code in-memory} when there is none, and no backend when there
 * are several (the start-up then fails, asking for the property). Case and separators do not matter ({@code in-memory}, {@code IN_MEMORY} and {@code inMemory} are one name),
 * as in Spring Boot's relaxed binding of enum values.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnKincirBackendCondition.class)
public @interface ConditionalOnKincirBackend {

    /** @return the backend's name, as its {@link io.kincir.spi.BackendModule} registers it */
    String value();
}
