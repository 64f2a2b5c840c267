/**
 * The backend-neutral listener container: consumer threads that receive from a {@link io.kincir.Backend},
 * run a {@link io.kincir.listener.MessageHandler}, retry it with back-off, dead-letter what still
 * fails, and acknowledge. The Spring Boot starter runs {@code @KincirListener} methods on it; it
 * works as well without Spring.
 *
 * <p>Each step is a small class of its own, in the manner of Watermill's router middleware:
 * attempts and {@code _attempt} ({@code RetryingHandler}), timing and observation
 * ({@code ObservingHandler}), what happens to a message that failed every attempt
 * ({@code DeadLetterRecoverer}, {@code DiscardingRecoverer}), what happens when its dead letter
 * cannot be published ({@code ParkingRecoverer}), and the acknowledgement ({@code MessageProcessor},
 * {@code Settlement}). A {@link io.kincir.listener.BatchHandler} gets the same steps per batch
 * ({@code RetryingBatchHandler}, {@code ObservingBatchHandler}, {@code BatchProcessor}); the consumer
 * collects the batch ({@code ListenerConsumer}).
 *
 * <p>Limits: a message handled when the process dies is redelivered only on a backend that
 * outlives the process (not the in-memory broker); a listener with concurrency {@code n} on
 * {@code t} topics runs {@code n × t} consumer threads, one subscriber per topic each, because a
 * received message does not say which topic it came from.
 */
package io.kincir.listener;
