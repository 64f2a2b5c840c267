package io.kincir.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds a {@code String} parameter of a {@link KincirListener} method to one metadata entry; null when absent. */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Metadata {

    /** @return the metadata key, such as {@code customer} or {@code correlation_id} */
    String value();
}
