package io.kincir.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The back-off of a {@link KincirListener}: the wait after the first failed attempt, multiplied after
 * each further failure, never longer than the maximum. Attributes left empty take
 * {@code kincir.listener.backoff.*}; {@code ${…}} placeholders are resolved.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Backoff {

    /** @return the first wait, a duration such as {@code 200ms} or {@code 1s} */
    String initial() default "";

    /** @return what each wait is multiplied by for the next, a number of at least 1.0 */
    String multiplier() default "";

    /** @return the longest wait, a duration */
    String max() default "";
}
