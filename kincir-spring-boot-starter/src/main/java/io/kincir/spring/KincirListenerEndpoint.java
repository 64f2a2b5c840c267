package io.kincir.spring;

import io.kincir.listener.AckMode;
import io.kincir.listener.ListenerContainerBuilder;
import io.kincir.listener.RetryPolicy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;

/**
 * One listener as its annotation describes it, placeholders resolved: a plain value. A null
 * setting means "the default".
 *
 * @param id the listener's id
 * @param topics its topics
 * @param group its group
 * @param concurrency consumer threads per topic, or null
 * @param ackMode when to acknowledge, or null
 * @param maxAttempts attempts in all, or null
 * @param backoffInitial the first wait, or null
 * @param backoffMultiplier the wait's multiplier, or null
 * @param backoffMax the longest wait, or null
 * @param backoffJitter how far a wait may move, or null
 * @param deadLetterTopic the dead-letter topic, the empty string for none, or null for {@code <topic><suffix>}
 * @param autoStartup whether it starts with the application, or null
 * @param sendTo the topic return values go to, or null
 * @param bean the bean whose method it calls
 * @param method the method's signature
 * @param retryable the exception types to retry, or null for the defaults' (then {@code notRetryable} is null too)
 * @param notRetryable the exception types never to retry, or null for the defaults'
 * @param batchElement what a batch listener's {@code List} holds, or null for a listener of single messages
 * @param batchSize most messages per batch, or null
 * @param batchTimeout how long a batch waits for more after its first message, or null
 */
record KincirListenerEndpoint(String id, List<String> topics, String group, Integer concurrency, AckMode ackMode,
        Integer maxAttempts, Duration backoffInitial, Double backoffMultiplier, Duration backoffMax,
        Duration backoffJitter, String deadLetterTopic, Boolean autoStartup, String sendTo, Object bean,
        ListenerMethod method, List<Class<? extends Throwable>> retryable,
        List<Class<? extends Throwable>> notRetryable, Type batchElement, Integer batchSize, Duration batchTimeout) {

    KincirListenerEndpoint {
        topics = List.copyOf(topics);
    }

    /** Sets what this listener says on a builder that holds the defaults. */
    ListenerContainerBuilder configure(ListenerContainerBuilder builder, KincirListenerDefaults defaults) {
        builder.id(id).topics(topics).group(group);
        if (concurrency != null) {
            builder.concurrency(concurrency);
        }
        if (ackMode != null) {
            builder.ackMode(ackMode);
        }
        RetryPolicy policy = defaults.retryPolicy();
        if (maxAttempts != null) {
            policy = policy.withMaxAttempts(maxAttempts);
        }
        if (backoffInitial != null || backoffMultiplier != null || backoffMax != null) {
            Duration initial = backoffInitial != null ? backoffInitial : policy.initialBackoff();
            Duration max = backoffMax != null ? backoffMax : policy.maxBackoff();
            policy = policy.withBackoff(initial, backoffMultiplier != null ? backoffMultiplier : policy.multiplier(),
                    max.compareTo(initial) < 0 && backoffMax == null ? initial : max);
        }
        if (backoffJitter != null) {
            policy = policy.withJitter(backoffJitter);
        }
        if (retryable != null) {
            // The listener's types replace the defaults' as a whole: merged, a default not-retryable type
            // would win over the same type the listener names retryable.
            policy = policy.withRetryable(retryable).withNotRetryable(notRetryable);
        }
        builder.retryPolicy(policy);
        if (deadLetterTopic != null) {
            builder.deadLetterTopic(deadLetterTopic);
        }
        if (batchElement != null) {
            builder.batchSize(batchSize != null ? batchSize : defaults.batchSize())
                    .batchTimeout(batchTimeout != null ? batchTimeout : defaults.batchTimeout());
        }
        return builder;
    }

    boolean autoStartup(KincirListenerDefaults defaults) {
        return autoStartup != null ? autoStartup : defaults.autoStartup();
    }
}
