package io.kincir.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The back-off of a {@link KincirListener}, in Spring Framework 7's terms: the {@link #delay()} after
 * the first failed attempt, multiplied after each further failure, never longer than the
 * {@link #maxDelay()}, each wait moved by up to the {@link #jitter()}. Attributes left empty take
 * {@code kincir.listener.retry.*}; {@code ${…}} placeholders are resolved.
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Backoff {

    /** @return the old name of {@link #delay()}; set one of the two */
    String initial() default "";

    /** @return what each wait is multiplied by for the next, a number of at least 1.0 */
    String multiplier() default "";

    /** @return the old name of {@link #maxDelay()}; set one of the two */
    String max() default "";

    /** @return the first wait, a duration such as {@code 200ms} or {@code 1s} */
    String delay() default "";

    /** @return the longest wait, a duration */
    String maxDelay() default "";

    /**
     * @return how far each wait may move either way, at random, a duration: after the first attempt up
     *     to this much longer, then ± this much times how many times the delay the wait has grown to,
     *     never below the delay nor above the maximum (as Spring Framework's {@code ExponentialBackOff})
     */
    String jitter() default "";
}
