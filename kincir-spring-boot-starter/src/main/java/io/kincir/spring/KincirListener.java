package io.kincir.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a listener: a {@link io.kincir.listener.ListenerContainer} runs it on every
 * message of its topics, in its group, with retries and dead-lettering.
 *
 * <p>Every attribute accepts {@code ${…}} placeholders. Attributes left at their default take the
 * {@code kincir.listener.*} properties.
 *
 * <p>Parameters, in any order: the payload (at most one parameter, unannotated or with
 * spring-messaging's {@code @Payload}) as {@code byte[]}, {@code String} or any other type, read by the
 * {@link KincirMessageConverter} for its {@code content_type} (JSON when it has none), and validated
 * when annotated {@code @Valid} or {@code @Validated}; {@link io.kincir.Message}; a
 * {@code @}{@link Metadata}{@code ("key") String} (null when absent), or spring-messaging's
 * {@code @Header("key")} of a simple type; a {@code Map<String, String>} of all metadata, with or
 * without {@code @Headers}. A payload that cannot be converted or is invalid goes to the dead-letter
 * topic without retries. The signature is checked when the application starts.
 *
 * <p>A non-void return value (not null) is published, as the template would send it, to the
 * message's {@code reply_to} topic with its {@code correlation_id} when it has one, else to the
 * {@link SendTo @SendTo} topic (Kincir's or spring-messaging's).
 *
 * <p>A batch listener, one that sets {@link #batchSize()} or {@link #batchTimeout()} or takes
 * {@code List<Message>}, has one parameter, a {@code List} of payloads ({@code byte[]}, {@code String},
 * any other type read as a single message's payload is) or of {@link io.kincir.Message}, and returns void. It gets up to
 * {@code batchSize} messages at once, or what arrived within {@code batchTimeout} of the first, never
 * none. The batch is acknowledged when the method returns; when it throws, the whole batch is retried,
 * and once every attempt failed each of its messages is dead-lettered on its own. A message whose
 * payload cannot be converted is dead-lettered alone, at once, and the rest of the batch still comes.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KincirListener {

    /** The value of {@link #deadLetterTopic()} that means: the topic followed by {@code kincir.listener.dead-letter-suffix}. */
    String DEFAULT_DEAD_LETTER_TOPIC = "<topic><dead-letter-suffix>";

    /**
     * @return the listener's id, unique in the application: names it in the registry, the health
     *     endpoint and thread names, and forms the default group. Defaults to
     *     {@code <beanName>.<methodName>}
     */
    String id() default "";

    /** @return the topics to consume, one or more; an entry may hold several, separated by commas */
    String[] topics();

    /**
     * @return the subscriber group. Defaults to {@code <spring.application.name>.<id>}: two listener
     *     methods on one topic each get every message, while the instances of one application share
     *     the work
     */
    String group() default "";

    /** @return consumer threads per topic, a number; default {@code kincir.listener.concurrency} */
    String concurrency() default "";

    /**
     * @return {@code AT_LEAST_ONCE} (acknowledge after handling) or {@code AT_MOST_ONCE} (before);
     *     default {@code kincir.listener.ack-mode}
     */
    String ackMode() default "";

    /** @return attempts in all before dead-lettering, a number; default {@code kincir.listener.retry.max-attempts} */
    String maxAttempts() default "";

    /** @return the back-off between attempts; default {@code kincir.listener.retry.*} */
    Backoff backoff() default @Backoff;

    /**
     * @return where messages go that failed every attempt: a topic, the empty string to turn
     *     dead-lettering off (failed messages are then logged at ERROR and dropped), or by default
     *     {@code <topic>.dlq} (the suffix is {@code kincir.listener.dead-letter-suffix})
     */
    String deadLetterTopic() default DEFAULT_DEAD_LETTER_TOPIC;

    /**
     * @return {@code true} or {@code false}: whether the listener starts with the application; when
     *     not, start it with {@link KincirListenerRegistry#start(String)}. Default
     *     {@code kincir.listener.auto-startup}
     */
    String autoStartup() default "";

    /**
     * @return exception types to retry, matched anywhere in the failure's cause chain: a failure with
     *     none of them is dead-lettered after its first attempt. Setting this or {@link #notRetryable()}
     *     replaces both {@code kincir.listener.retry.retryable} and {@code not-retryable} for this
     *     listener
     */
    Class<? extends Throwable>[] retryable() default {};

    /**
     * @return exception types never to retry, matched anywhere in the failure's cause chain: such a
     *     failure is dead-lettered after its first attempt; they win over {@link #retryable()}. A payload
     *     that cannot be converted is never retried, whatever these say
     */
    Class<? extends Throwable>[] notRetryable() default {};

    /**
     * @return most messages a batch listener gets at once, a number; setting it makes this a batch
     *     listener. Empty (once resolved) takes {@code kincir.listener.batch-size}
     */
    String batchSize() default "";

    /**
     * @return how long after the first message of a batch to wait for more before the listener takes
     *     fewer, a duration such as {@code 500ms}; setting it makes this a batch listener. Empty (once
     *     resolved) takes {@code kincir.listener.batch-timeout}
     */
    String batchTimeout() default "";
}
