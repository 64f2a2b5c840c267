package io.kincir.spring;

import io.kincir.listener.AckMode;
import io.kincir.listener.RetryPolicy;
import java.time.Duration;
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
 */
public record KincirListenerDefaults(int concurrency, AckMode ackMode, RetryPolicy retryPolicy,
        String deadLetterSuffix, String deadLetterGroup, int deadLetterAttempts, Duration pollTimeout, Duration shutdownTimeout,
        Duration recoveryInterval, boolean autoStartup) {

    public KincirListenerDefaults {
        Objects.requireNonNull(ackMode, "ackMode");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(deadLetterSuffix, "deadLetterSuffix");
        Objects.requireNonNull(deadLetterGroup, "deadLetterGroup");
        Objects.requireNonNull(pollTimeout, "pollTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(recoveryInterval, "recoveryInterval");
    }
}
