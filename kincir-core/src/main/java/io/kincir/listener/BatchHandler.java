package io.kincir.listener;

import java.util.List;

/**
 * Handles a batch of messages for a {@link ListenerContainer} built with
 * {@link ListenerContainerBuilder#batchHandler}: up to {@link ListenerContainerBuilder#batchSize} messages,
 * or fewer if that many did not arrive within {@link ListenerContainerBuilder#batchTimeout}; never an empty
 * batch. Throwing fails the attempt for the whole batch.
 *
 * <p>The batch is acknowledged as one: every message once the handler returns. A failure retries the
 * whole batch with the listener's {@link RetryPolicy}; when every attempt failed, each message of the
 * batch is dead-lettered on its own, with {@code _error}, {@code _original_topic} and {@code _attempt} as a
 * single message would be. A handler that wants to dead-letter only the messages that failed handles them
 * one by one instead. A message whose conversion fails is dead-lettered alone and at once, and the rest
 * of the batch still reaches the handler.
 *
 * @param <T> what each message is converted to: {@link io.kincir.Message} unless the builder was given a
 *     converter
 */
@FunctionalInterface
public interface BatchHandler<T> {

    /**
     * @param batch the converted messages in the order received, at least one; each message carries
     *     {@code _attempt} metadata saying which attempt this is for the batch (from 1)
     * @throws Exception when handling failed; the container retries the whole batch, then dead-letters
     *     each of its messages
     */
    void handle(List<T> batch) throws Exception;
}
