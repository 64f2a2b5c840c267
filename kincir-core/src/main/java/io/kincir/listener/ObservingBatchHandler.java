package io.kincir.listener;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Times each attempt at a batch and counts it per message, as {@link ObservingHandler} does for one
 * message: a failed attempt at a batch of ten counts ten failed attempts, and the observer hears of one
 * attempt per message, each timed at its share of the batch's time.
 */
final class ObservingBatchHandler implements BatchHandler<Object> {

    private static final System.Logger LOG = System.getLogger(ObservingBatchHandler.class.getName());

    private final BatchHandler<Object> delegate;
    private final ListenerObserver observer;
    private final ListenerTopic topic;
    private final Tally tally;

    ObservingBatchHandler(BatchHandler<Object> delegate, ListenerObserver observer, ListenerTopic topic, Tally tally) {
        this.delegate = delegate;
        this.observer = observer;
        this.topic = topic;
        this.tally = tally;
    }

    @Override
    public void handle(List<Object> batch) throws Exception {
        long start = System.nanoTime();
        try {
            delegate.handle(batch);
        } catch (Throwable failure) {
            tally.failedAttempts.add(batch.size());
            tally.error("An attempt at a batch of " + batch.size() + " messages from topic '" + topic.topic()
                    + "' failed: " + Tally.describe(failure));
            if (!(failure instanceof Exception)) {
                tally.handlerErrors.increment();
                LOG.log(Level.ERROR, "Listener '" + topic.listenerId() + "' batch handler threw "
                        + Tally.describe(failure) + " at a batch of " + batch.size() + " messages from topic '"
                        + topic.topic() + "'; counted as a failed attempt, the consumer carries on", failure);
            }
            notify(batch.size(), start, failure);
            throw failure;
        }
        notify(batch.size(), start, null);
    }

    private void notify(int messages, long start, Throwable failure) {
        Duration share = Duration.ofNanos((System.nanoTime() - start) / messages);
        for (int i = 0; i < messages; i++) {
            observer.attempted(topic, share, failure);
        }
    }
}
