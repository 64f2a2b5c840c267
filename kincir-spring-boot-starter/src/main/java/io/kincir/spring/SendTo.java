package io.kincir.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The topic a {@link KincirListener} method's return value is published to, unless the message
 * names a {@code reply_to} topic, which takes precedence (as in Spring AMQP).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SendTo {

    /** @return the topic; {@code ${…}} placeholders are resolved */
    String value();
}
