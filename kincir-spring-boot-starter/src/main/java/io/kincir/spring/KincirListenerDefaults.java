package io.kincir.spring;

import io.kincir.listener.AckMode;
import io.kincir.listener.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link KincirListener} gets for the attributes it leaves at their default; the starter
 * fills it from {@code kincir.listener.*}.
 *
 * @param concurrency consumer threads per topic
 * @param ackMode when to acknowledge
 * @param retryPolicy attempts and back-off
 * @param deadLetterSuffix appended to a topic to name its dead-letter topic
 * @param deadLetterGroup the durable group that keeps dead letters until read
 * @param deadLetterAttempts how often a dead letter is tried before the message is parked
 * @param pollTimeout how long a consumer waits for a message before checking whether to stop
 * @param shutdownTimeout how long a stop lets handlers in flight finish
 * @param recoveryInterval how long to wait before subscribing again after a failure
 * @param autoStartup whether listeners start with the application
 * @param allowedReplyTopics the topics a listener publishes a return value to when a request names
 *     them in {@code reply_to}: names, or patterns where {@code *} stands for any characters; a request
 *     whose {@code reply_to} matches none is dead-lettered unhandled
 * @param batchSize most messages a batch listener gets at once
 * @param batchTimeout how long after the first message of a batch a batch listener waits for more
 */
public record KincirListenerDefaults(int concurrency, AckMode ackMode, RetryPolicy retryPolicy,
        String deadLetterSuffix, String deadLetterGroup, int deadLetterAttempts, Duration pollTimeout, Duration shutdownTimeout,
        Duration recoveryInterval, boolean autoStartup, List<String> allowedReplyTopics, int batchSize,
        Duration batchTimeout) {

    /** The reply topics allowed unless configured: those under {@link KincirTemplate#REPLY_TOPIC_PREFIX}. */
    public static final List<String> DEFAULT_ALLOWED_REPLY_TOPICS = List.of(KincirTemplate.REPLY_TOPIC_PREFIX + "*");

    /** Batches of at most 100 messages, or what arrived within 1s of the first, unless configured. */
    public static final int DEFAULT_BATCH_SIZE = 100;

    /** How long a batch waits for more messages after its first unless configured. */
    public static final Duration DEFAULT_BATCH_TIMEOUT = Duration.ofSeconds(1);

    /**
     * Defaults that allow replies to {@link #DEFAULT_ALLOWED_REPLY_TOPICS} only, with batches of
     * {@link #DEFAULT_BATCH_SIZE} within {@link #DEFAULT_BATCH_TIMEOUT}.
     */
    public KincirListenerDefaults(int concurrency, AckMode ackMode, RetryPolicy retryPolicy, String deadLetterSuffix,
            String deadLetterGroup, int deadLetterAttempts, Duration pollTimeout, Duration shutdownTimeout,
            Duration recoveryInterval, boolean autoStartup) {
        this(concurrency, ackMode, retryPolicy, deadLetterSuffix, deadLetterGroup, deadLetterAttempts, pollTimeout,
                shutdownTimeout, recoveryInterval, autoStartup, DEFAULT_ALLOWED_REPLY_TOPICS, DEFAULT_BATCH_SIZE,
                DEFAULT_BATCH_TIMEOUT);
    }

    public KincirListenerDefaults {
        Objects.requireNonNull(ackMode, "ackMode");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(deadLetterSuffix, "deadLetterSuffix");
        Objects.requireNonNull(deadLetterGroup, "deadLetterGroup");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
        allowedReplyTopics = List.copyOf(Objects.requireNonNull(allowedReplyTopics, "allowedReplyTopics"));
        Objects.requireNonNull(batchTimeout, "batchTimeout");
    }

    /**
     * @param allowedReplyTopics names or patterns ({@code *} for any characters) of the topics a
     *     request's {@code reply_to} may name
     * @return these defaults with those reply topics allowed
     */
    public KincirListenerDefaults withAllowedReplyTopics(List<String> allowedReplyTopics) {
        return new KincirListenerDefaults(concurrency, ackMode, retryPolicy, deadLetterSuffix, deadLetterGroup,
                deadLetterAttempts, pollTimeout, shutdownTimeout, recoveryInterval, autoStartup, allowedReplyTopics,
                batchSize, batchTimeout);
    }

    /**
     * @param batchSize most messages a batch listener gets at once
     * @param batchTimeout how long after the first message of a batch a batch listener waits for more
     * @return these defaults with that batching
     */
    public KincirListenerDefaults withBatch(int batchSize, Duration batchTimeout) {
        return new KincirListenerDefaults(concurrency, ackMode, retryPolicy, deadLetterSuffix, deadLetterGroup,
                deadLetterAttempts, pollTimeout, shutdownTimeout, recoveryInterval, autoStartup, allowedReplyTopics,
                batchSize, batchTimeout);
    }
}
