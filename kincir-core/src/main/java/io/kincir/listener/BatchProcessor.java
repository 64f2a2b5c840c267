package io.kincir.listener;

import io.kincir.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a batch of deliveries through the steps, as {@link MessageProcessor} takes one: acknowledge
 * each first ({@link AckMode#AT_MOST_ONCE}), attempt the whole batch with retries, and settle. A message
 * that cannot be converted is recovered and settled on its own before the others are handled. When the
 * batch succeeds every delivery is acknowledged; when every attempt failed each message is recovered
 * (dead-lettered) on its own, with the batch's last failure and attempts; a stop during a back-off gives
 * every message back ({@code nack(true)}).
 */
final class BatchProcessor implements DeliveryProcessor {

    private final ListenerTopic topic;
    private final AckMode ackMode;
    private final RetryingBatchHandler handler;
    private final Recoverer recoverer;
    private final ListenerObserver observer;
    private final Tally tally;
    private final Settlement settlement;

    BatchProcessor(ListenerTopic topic, AckMode ackMode, RetryingBatchHandler handler, Recoverer recoverer,
            ListenerObserver observer, Tally tally) {
        this.topic = topic;
        this.ackMode = ackMode;
        this.handler = handler;
        this.recoverer = recoverer;
        this.observer = observer;
        this.tally = tally;
        this.settlement = new Settlement(topic, ackMode, tally);
    }

    @Override
    public int process(List<Delivery> deliveries) {
        List<Delivery> batch = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            observer.received(topic);
            if (ackMode == AckMode.AT_LEAST_ONCE || settlement.settle(delivery, Outcome.HANDLED)) {
                batch.add(delivery);
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            handler.handle(batch, this::reject);
            batch.forEach(delivery -> settlement.finish(delivery, Outcome.HANDLED));
            return batch.size();
        } catch (RetriesExhaustedException e) {
            batch.forEach(delivery -> recover(delivery, e.getCause(), e.attempts()));
        } catch (BackoffStoppedException e) {
            // Acknowledged already at most once, so they cannot go back: dead-letter them with what they have.
            batch.forEach(delivery -> {
                if (ackMode == AckMode.AT_LEAST_ONCE) {
                    settlement.settle(delivery, Outcome.REQUEUE);
                } else {
                    recover(delivery, e.getCause(), e.attempts());
                }
            });
        }
        return 0;
    }

    /** A message that cannot be converted fails one attempt of its own, and is recovered at once. */
    private void reject(Delivery delivery, Throwable failure, int attempt) {
        tally.failedAttempts.increment();
        tally.error("Attempt " + attempt + " at message " + delivery.message().uuid() + " from topic '"
                + topic.topic() + "' failed: " + Tally.describe(failure));
        observer.attempted(topic, Duration.ZERO, failure);
        recover(delivery, failure, attempt);
    }

    private void recover(Delivery delivery, Throwable failure, int attempts) {
        settlement.finish(delivery, recoverer.recover(delivery.message(), failure, attempts));
    }
}
